-- CreateEnum
CREATE TYPE "BenefitStatus" AS ENUM ('SUBMITTED', 'ACCEPTED', 'INVESTIGATED', 'DELIBERATED', 'PUBLISHED', 'REVIEWED', 'APPROVED', 'ENROLLED', 'REFUSED', 'EXITED');

-- CreateEnum
CREATE TYPE "BenefitStepKind" AS ENUM ('APPLY', 'ACCEPT', 'INVESTIGATE', 'DELIBERATE', 'PUBLISH', 'REVIEW', 'APPROVE', 'ENROLL', 'RETURN', 'REFUSE');

-- CreateEnum
CREATE TYPE "BenefitExitReason" AS ENUM ('DEATH', 'MOVED_OUT', 'NOT_ELIGIBLE', 'VOLUNTARY');

-- CreateTable
CREATE TABLE "BenefitProgram" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "nameZh" VARCHAR(60) NOT NULL,
    "nameEn" VARCHAR(120) NOT NULL,
    "approvingLevel" "RegionLevel" NOT NULL DEFAULT 'COUNTY',
    "applicant" VARCHAR(10) NOT NULL DEFAULT 'SELF',
    "rules" JSONB NOT NULL,
    "amountKind" VARCHAR(10) NOT NULL DEFAULT 'ANNUAL',
    "paymentCycle" VARCHAR(10) NOT NULL DEFAULT 'ANNUAL',
    "proRating" VARCHAR(10) NOT NULL DEFAULT 'NONE',
    "fundCentral" INTEGER NOT NULL DEFAULT 0,
    "fundProvincial" INTEGER NOT NULL DEFAULT 0,
    "fundCounty" INTEGER NOT NULL DEFAULT 100,
    "noticeDays" INTEGER NOT NULL DEFAULT 7,
    "noticeFields" TEXT[] DEFAULT ARRAY['name', 'village', 'program', 'category']::TEXT[],
    "stepDays" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BenefitProgram_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenefitCategory" (
    "id" SERIAL NOT NULL,
    "programId" INTEGER NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "nameZh" VARCHAR(60) NOT NULL,
    "nameEn" VARCHAR(120) NOT NULL,
    "condition" JSONB,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BenefitCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenefitStandard" (
    "id" SERIAL NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "amountCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BenefitStandard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenefitApplication" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "programId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "applicantId" INTEGER,
    "categoryId" INTEGER,
    "status" "BenefitStatus" NOT NULL DEFAULT 'SUBMITTED',
    "appliedOn" DATE NOT NULL,
    "dueOn" DATE,
    "declarations" JSONB NOT NULL DEFAULT '{}',
    "eligibility" JSONB NOT NULL,
    "noticeId" INTEGER,
    "refusalReason" VARCHAR(500),
    "createdById" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BenefitApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenefitStepRecord" (
    "id" SERIAL NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "step" "BenefitStepKind" NOT NULL,
    "fromStatus" "BenefitStatus",
    "toStatus" "BenefitStatus" NOT NULL,
    "doneOn" DATE NOT NULL,
    "note" VARCHAR(500),
    "actorId" INTEGER NOT NULL,
    "actorName" VARCHAR(64) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BenefitStepRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenefitNotice" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER,
    "title" VARCHAR(100) NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "contact" VARCHAR(200) NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BenefitNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenefitObjection" (
    "id" SERIAL NOT NULL,
    "noticeId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "raisedBy" VARCHAR(50) NOT NULL,
    "raisedOn" DATE NOT NULL,
    "content" VARCHAR(500) NOT NULL,
    "resolution" VARCHAR(500),
    "resolvedOn" DATE,
    "resolvedById" INTEGER,
    "recordedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BenefitObjection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenefitEnrollment" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "programId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "standardId" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "exitReason" "BenefitExitReason",
    "exitNote" VARCHAR(500),
    "proposedExit" "BenefitExitReason",
    "proposedExitOn" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BenefitEnrollment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BenefitProgram_countyId_code_key" ON "BenefitProgram"("countyId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "BenefitCategory_programId_code_key" ON "BenefitCategory"("programId", "code");

-- CreateIndex
CREATE INDEX "BenefitStandard_categoryId_validFrom_idx" ON "BenefitStandard"("categoryId", "validFrom");

-- CreateIndex
CREATE INDEX "BenefitApplication_countyId_status_idx" ON "BenefitApplication"("countyId", "status");

-- CreateIndex
CREATE INDEX "BenefitApplication_townshipId_status_idx" ON "BenefitApplication"("townshipId", "status");

-- CreateIndex
CREATE INDEX "BenefitApplication_villageId_status_idx" ON "BenefitApplication"("villageId", "status");

-- CreateIndex
CREATE INDEX "BenefitApplication_personId_idx" ON "BenefitApplication"("personId");

-- CreateIndex
CREATE INDEX "BenefitApplication_programId_personId_idx" ON "BenefitApplication"("programId", "personId");

-- CreateIndex
CREATE INDEX "BenefitStepRecord_applicationId_idx" ON "BenefitStepRecord"("applicationId");

-- CreateIndex
CREATE INDEX "BenefitNotice_townshipId_idx" ON "BenefitNotice"("townshipId");

-- CreateIndex
CREATE INDEX "BenefitObjection_applicationId_idx" ON "BenefitObjection"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "BenefitEnrollment_applicationId_key" ON "BenefitEnrollment"("applicationId");

-- CreateIndex
CREATE INDEX "BenefitEnrollment_countyId_programId_idx" ON "BenefitEnrollment"("countyId", "programId");

-- CreateIndex
CREATE INDEX "BenefitEnrollment_townshipId_idx" ON "BenefitEnrollment"("townshipId");

-- CreateIndex
CREATE INDEX "BenefitEnrollment_villageId_idx" ON "BenefitEnrollment"("villageId");

-- CreateIndex
CREATE INDEX "BenefitEnrollment_personId_idx" ON "BenefitEnrollment"("personId");

-- AddForeignKey
ALTER TABLE "BenefitCategory" ADD CONSTRAINT "BenefitCategory_programId_fkey" FOREIGN KEY ("programId") REFERENCES "BenefitProgram"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitStandard" ADD CONSTRAINT "BenefitStandard_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "BenefitCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitApplication" ADD CONSTRAINT "BenefitApplication_programId_fkey" FOREIGN KEY ("programId") REFERENCES "BenefitProgram"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitApplication" ADD CONSTRAINT "BenefitApplication_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "BenefitNotice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitStepRecord" ADD CONSTRAINT "BenefitStepRecord_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "BenefitApplication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitObjection" ADD CONSTRAINT "BenefitObjection_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "BenefitNotice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitObjection" ADD CONSTRAINT "BenefitObjection_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "BenefitApplication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitEnrollment" ADD CONSTRAINT "BenefitEnrollment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "BenefitApplication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One live application per person and program: a refused or exited one does not count, so
-- re-entry is a new application; two concurrent applications cannot both pass the service's check.
CREATE UNIQUE INDEX "BenefitApplication_live_person_program" ON "BenefitApplication" ("programId", "personId") WHERE status NOT IN ('REFUSED', 'EXITED');
