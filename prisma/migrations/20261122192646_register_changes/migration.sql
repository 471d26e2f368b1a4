-- AlterTable
ALTER TABLE "LifeEvent" DROP COLUMN "reviewAnswer",
DROP COLUMN "reviewQuestion",
DROP COLUMN "reviewStatus",
DROP COLUMN "reviewedById";

-- CreateTable
CREATE TABLE "RegisterChange" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "personId" INTEGER,
    "householdId" INTEGER,
    "eventId" INTEGER,
    "summary" JSONB NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewStatus" "ReviewStatus" NOT NULL DEFAULT 'PENDING',
    "reviewQuestion" VARCHAR(500),
    "reviewAnswer" VARCHAR(500),
    "reviewedById" INTEGER,

    CONSTRAINT "RegisterChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RegisterChange_townshipId_createdAt_idx" ON "RegisterChange"("townshipId", "createdAt");

-- CreateIndex
CREATE INDEX "RegisterChange_villageId_createdAt_idx" ON "RegisterChange"("villageId", "createdAt");

-- CreateIndex
CREATE INDEX "RegisterChange_personId_idx" ON "RegisterChange"("personId");

-- AddForeignKey
ALTER TABLE "RegisterChange" ADD CONSTRAINT "RegisterChange_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
