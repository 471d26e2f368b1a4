-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('MONTHLY', 'HALF_YEAR', 'ANNUAL');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED');

-- CreateEnum
CREATE TYPE "SignRole" AS ENUM ('PREPARER', 'STATISTICIAN', 'UNIT_HEAD');

-- CreateTable
CREATE TABLE "ReportSettings" (
    "countyId" INTEGER NOT NULL,
    "statYearStartMonth" INTEGER NOT NULL DEFAULT 10,
    "monthlyDeadlineDay" INTEGER NOT NULL DEFAULT 6,
    "halfYearDeadlineDay" INTEGER NOT NULL DEFAULT 13,
    "annualDeadlineDay" INTEGER NOT NULL DEFAULT 13,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReportSettings_pkey" PRIMARY KEY ("countyId")
);

-- CreateTable
CREATE TABLE "ReportSubmission" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "kind" "ReportKind" NOT NULL,
    "periodKey" VARCHAR(8) NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "deadline" DATE NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "figures" JSONB NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,
    "analysis" VARCHAR(5000) NOT NULL DEFAULT '',
    "round" INTEGER NOT NULL DEFAULT 1,
    "preparedById" INTEGER NOT NULL,
    "firstSubmittedAt" TIMESTAMPTZ(3),
    "submittedAt" TIMESTAMPTZ(3),
    "approvedAt" TIMESTAMPTZ(3),
    "approvedById" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportSignOff" (
    "id" SERIAL NOT NULL,
    "submissionId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "role" "SignRole" NOT NULL,
    "userId" INTEGER NOT NULL,
    "userName" VARCHAR(50) NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportSignOff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportHistory" (
    "id" SERIAL NOT NULL,
    "submissionId" INTEGER NOT NULL,
    "action" VARCHAR(20) NOT NULL,
    "round" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "userName" VARCHAR(50) NOT NULL,
    "comment" VARCHAR(1000),
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PeriodLock" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "submissionId" INTEGER NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE NOT NULL,
    "lockedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unlockedAt" TIMESTAMPTZ(3),
    "unlockedById" INTEGER,
    "unlockReason" VARCHAR(500),

    CONSTRAINT "PeriodLock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportSubmission_countyId_kind_periodKey_idx" ON "ReportSubmission"("countyId", "kind", "periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSubmission_regionId_kind_periodKey_key" ON "ReportSubmission"("regionId", "kind", "periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSignOff_submissionId_round_role_key" ON "ReportSignOff"("submissionId", "round", "role");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSignOff_submissionId_round_userId_key" ON "ReportSignOff"("submissionId", "round", "userId");

-- CreateIndex
CREATE INDEX "ReportHistory_submissionId_at_idx" ON "ReportHistory"("submissionId", "at");

-- CreateIndex
CREATE INDEX "PeriodLock_townshipId_toDate_idx" ON "PeriodLock"("townshipId", "toDate");

-- AddForeignKey
ALTER TABLE "ReportSignOff" ADD CONSTRAINT "ReportSignOff_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "ReportSubmission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportHistory" ADD CONSTRAINT "ReportHistory_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "ReportSubmission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PeriodLock" ADD CONSTRAINT "PeriodLock_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "ReportSubmission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: ranges the settings form also checks, kept true in the database too.
ALTER TABLE "ReportSettings"
  ADD CONSTRAINT "ReportSettings_startMonth_check" CHECK ("statYearStartMonth" BETWEEN 1 AND 12),
  ADD CONSTRAINT "ReportSettings_deadlineDays_check" CHECK ("monthlyDeadlineDay" BETWEEN 1 AND 28 AND "halfYearDeadlineDay" BETWEEN 1 AND 28 AND "annualDeadlineDay" BETWEEN 1 AND 28);
ALTER TABLE "ReportSubmission" ADD CONSTRAINT "ReportSubmission_period_check" CHECK ("periodStart" <= "periodEnd");
ALTER TABLE "PeriodLock" ADD CONSTRAINT "PeriodLock_range_check" CHECK ("fromDate" <= "toDate");
