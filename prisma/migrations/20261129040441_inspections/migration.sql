-- CreateEnum
CREATE TYPE "InspectionRoundStatus" AS ENUM ('OPEN', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "RectificationStatus" AS ENUM ('OPEN', 'SUBMITTED', 'CLOSED');

-- CreateEnum
CREATE TYPE "SampleOutcome" AS ENUM ('CORRECT', 'FIELD_WRONG', 'NOT_FOUND', 'UNREGISTERED');

-- CreateTable
CREATE TABLE "InspectionTemplate" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "items" JSONB NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionRound" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "title" VARCHAR(120) NOT NULL,
    "statYear" INTEGER NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "templateId" INTEGER,
    "items" JSONB NOT NULL,
    "status" "InspectionRoundStatus" NOT NULL DEFAULT 'OPEN',
    "publishedAt" TIMESTAMPTZ(3),
    "publishedById" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionTeam" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "name" VARCHAR(60) NOT NULL,
    "memberIds" INTEGER[],
    "townshipIds" INTEGER[],

    CONSTRAINT "InspectionTeam_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionScore" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "itemCode" VARCHAR(40) NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,
    "note" VARCHAR(500) NOT NULL DEFAULT '',
    "enteredById" INTEGER NOT NULL,
    "enteredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rectification" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "roundId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "itemCode" VARCHAR(40),
    "finding" VARCHAR(500) NOT NULL,
    "ownerId" INTEGER,
    "dueOn" DATE NOT NULL,
    "measures" VARCHAR(2000) NOT NULL DEFAULT '',
    "status" "RectificationStatus" NOT NULL DEFAULT 'OPEN',
    "submittedAt" TIMESTAMPTZ(3),
    "refusal" VARCHAR(500) NOT NULL DEFAULT '',
    "refusals" INTEGER NOT NULL DEFAULT 0,
    "closedAt" TIMESTAMPTZ(3),
    "closedById" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rectification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SampleCheck" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "statYear" INTEGER NOT NULL,
    "seed" VARCHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SampleCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SampleHousehold" (
    "id" SERIAL NOT NULL,
    "checkId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "outcome" "SampleOutcome",
    "wrongField" VARCHAR(40),
    "note" VARCHAR(300) NOT NULL DEFAULT '',
    "checkedById" INTEGER,
    "checkedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SampleHousehold_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InspectionTemplate_countyId_idx" ON "InspectionTemplate"("countyId");

-- CreateIndex
CREATE INDEX "InspectionRound_countyId_statYear_idx" ON "InspectionRound"("countyId", "statYear");

-- CreateIndex
CREATE INDEX "InspectionTeam_roundId_idx" ON "InspectionTeam"("roundId");

-- CreateIndex
CREATE INDEX "InspectionScore_townshipId_idx" ON "InspectionScore"("townshipId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionScore_roundId_townshipId_itemCode_key" ON "InspectionScore"("roundId", "townshipId", "itemCode");

-- CreateIndex
CREATE INDEX "Rectification_townshipId_status_idx" ON "Rectification"("townshipId", "status");

-- CreateIndex
CREATE INDEX "Rectification_roundId_idx" ON "Rectification"("roundId");

-- CreateIndex
CREATE INDEX "Rectification_countyId_status_dueOn_idx" ON "Rectification"("countyId", "status", "dueOn");

-- CreateIndex
CREATE INDEX "SampleCheck_countyId_statYear_idx" ON "SampleCheck"("countyId", "statYear");

-- CreateIndex
CREATE INDEX "SampleCheck_townshipId_idx" ON "SampleCheck"("townshipId");

-- CreateIndex
CREATE INDEX "SampleHousehold_checkId_position_idx" ON "SampleHousehold"("checkId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "SampleHousehold_checkId_householdId_key" ON "SampleHousehold"("checkId", "householdId");

-- AddForeignKey
ALTER TABLE "InspectionTeam" ADD CONSTRAINT "InspectionTeam_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "InspectionRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionScore" ADD CONSTRAINT "InspectionScore_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "InspectionRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "InspectionRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleHousehold" ADD CONSTRAINT "SampleHousehold_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "SampleCheck"("id") ON DELETE CASCADE ON UPDATE CASCADE;
