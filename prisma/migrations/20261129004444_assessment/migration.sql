-- CreateEnum
CREATE TYPE "AssessmentRunStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateTable
CREATE TABLE "AssessmentScheme" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "key" VARCHAR(60) NOT NULL,
    "version" INTEGER NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "description" VARCHAR(2000) NOT NULL DEFAULT '',
    "maxPoints" DOUBLE PRECISION NOT NULL,
    "veto" JSONB NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentScheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentNode" (
    "id" SERIAL NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "parentCode" VARCHAR(40),
    "maxPoints" DOUBLE PRECISION NOT NULL,
    "combine" VARCHAR(10),
    "method" JSONB,
    "source" VARCHAR(60),
    "unit" VARCHAR(20) NOT NULL DEFAULT '',
    "description" VARCHAR(1000) NOT NULL DEFAULT '',

    CONSTRAINT "AssessmentNode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentValue" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "schemeKey" VARCHAR(60) NOT NULL,
    "indicatorCode" VARCHAR(40) NOT NULL,
    "periodKey" VARCHAR(8) NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "evidence" VARCHAR(300) NOT NULL DEFAULT '',
    "enteredById" INTEGER NOT NULL,
    "enteredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentRun" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "periodKey" VARCHAR(8) NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "title" VARCHAR(120) NOT NULL,
    "status" "AssessmentRunStatus" NOT NULL DEFAULT 'DRAFT',
    "inputs" JSONB NOT NULL,
    "schemeSnapshot" JSONB NOT NULL,
    "correctsId" INTEGER,
    "reason" VARCHAR(500) NOT NULL DEFAULT '',
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,
    "publishedAt" TIMESTAMPTZ(3),
    "publishedById" INTEGER,

    CONSTRAINT "AssessmentRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentAdjustment" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,
    "reason" VARCHAR(300) NOT NULL,
    "document" VARCHAR(200) NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentVeto" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "reason" VARCHAR(300) NOT NULL,
    "document" VARCHAR(200) NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentVeto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentResult" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "name" VARCHAR(60) NOT NULL,
    "total" DOUBLE PRECISION NOT NULL,
    "scoreRank" INTEGER NOT NULL,
    "place" INTEGER NOT NULL,
    "vetoes" INTEGER NOT NULL,
    "excludedFromAwards" BOOLEAN NOT NULL DEFAULT false,
    "breakdown" JSONB NOT NULL,

    CONSTRAINT "AssessmentResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AssessmentScheme_countyId_current_idx" ON "AssessmentScheme"("countyId", "current");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScheme_countyId_key_version_key" ON "AssessmentScheme"("countyId", "key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentNode_schemeId_code_key" ON "AssessmentNode"("schemeId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentValue_countyId_schemeKey_periodKey_indicatorCode__key" ON "AssessmentValue"("countyId", "schemeKey", "periodKey", "indicatorCode", "townshipId");

-- CreateIndex
CREATE INDEX "AssessmentRun_countyId_status_periodKey_idx" ON "AssessmentRun"("countyId", "status", "periodKey");

-- CreateIndex
CREATE INDEX "AssessmentResult_townshipId_idx" ON "AssessmentResult"("townshipId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentResult_runId_townshipId_key" ON "AssessmentResult"("runId", "townshipId");

-- AddForeignKey
ALTER TABLE "AssessmentNode" ADD CONSTRAINT "AssessmentNode_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRun" ADD CONSTRAINT "AssessmentRun_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentAdjustment" ADD CONSTRAINT "AssessmentAdjustment_runId_fkey" FOREIGN KEY ("runId") REFERENCES "AssessmentRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentVeto" ADD CONSTRAINT "AssessmentVeto_runId_fkey" FOREIGN KEY ("runId") REFERENCES "AssessmentRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "AssessmentRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
