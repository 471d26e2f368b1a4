-- CreateEnum
CREATE TYPE "RegionChangeKind" AS ENUM ('SPLIT', 'MERGE', 'RENAME', 'MOVE');

-- AlterTable
ALTER TABLE "Region" ADD COLUMN     "validFrom" DATE,
ADD COLUMN     "validTo" DATE;

-- CreateTable
CREATE TABLE "RegionChange" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "kind" "RegionChangeKind" NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "documentNo" VARCHAR(100) NOT NULL,
    "documentTitle" VARCHAR(200) NOT NULL,
    "regionId" INTEGER,
    "oldName" VARCHAR(50),
    "newName" VARCHAR(50),
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegionChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegionChangeLink" (
    "id" SERIAL NOT NULL,
    "changeId" INTEGER NOT NULL,
    "fromId" INTEGER NOT NULL,
    "toId" INTEGER NOT NULL,

    CONSTRAINT "RegionChangeLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RegionChange_countyId_effectiveOn_idx" ON "RegionChange"("countyId", "effectiveOn");

-- CreateIndex
CREATE INDEX "RegionChange_regionId_idx" ON "RegionChange"("regionId");

-- CreateIndex
CREATE INDEX "RegionChangeLink_changeId_idx" ON "RegionChangeLink"("changeId");

-- CreateIndex
CREATE INDEX "RegionChangeLink_fromId_idx" ON "RegionChangeLink"("fromId");

-- CreateIndex
CREATE INDEX "RegionChangeLink_toId_idx" ON "RegionChangeLink"("toId");

-- AddForeignKey
ALTER TABLE "RegionChangeLink" ADD CONSTRAINT "RegionChangeLink_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "RegionChange"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionChangeLink" ADD CONSTRAINT "RegionChangeLink_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionChangeLink" ADD CONSTRAINT "RegionChangeLink_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
