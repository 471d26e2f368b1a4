-- CreateEnum
CREATE TYPE "WorkTaskStatus" AS ENUM ('OPEN', 'REPORTED', 'ACCEPTED', 'RETURNED');

-- CreateEnum
CREATE TYPE "CaseChannel" AS ENUM ('PHONE', 'LETTER', 'VISIT', 'ONLINE');

-- CreateEnum
CREATE TYPE "CaseKind" AS ENUM ('COMPLAINT', 'INQUIRY');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('RECEIVED', 'ASSIGNED', 'REPLIED', 'CLOSED');

-- CreateEnum
CREATE TYPE "CaseSatisfaction" AS ENUM ('SATISFIED', 'BASIC', 'UNSATISFIED');

-- CreateTable
CREATE TABLE "WorkAgreement" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "issuerRegionId" INTEGER NOT NULL,
    "partyRegionId" INTEGER NOT NULL,
    "title" VARCHAR(100) NOT NULL,
    "issuerSignatory" VARCHAR(50) NOT NULL,
    "partySignatory" VARCHAR(50) NOT NULL,
    "signedOn" DATE,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkAgreementItem" (
    "id" SERIAL NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "sourceKey" VARCHAR(60),
    "label" VARCHAR(200) NOT NULL,
    "target" DECIMAL(14,2) NOT NULL,
    "unit" VARCHAR(20) NOT NULL,
    "weight" DECIMAL(7,2) NOT NULL,
    "progress" DECIMAL(14,2),
    "progressOn" DATE,

    CONSTRAINT "WorkAgreementItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkTask" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "issuerRegionId" INTEGER NOT NULL,
    "issuedById" INTEGER NOT NULL,
    "assigneeRegionId" INTEGER NOT NULL,
    "regionPath" INTEGER[],
    "assigneeUserId" INTEGER,
    "title" VARCHAR(100) NOT NULL,
    "details" VARCHAR(2000) NOT NULL,
    "month" CHAR(7) NOT NULL,
    "dueOn" DATE NOT NULL,
    "status" "WorkTaskStatus" NOT NULL DEFAULT 'OPEN',
    "evidence" VARCHAR(2000),
    "reportedOn" DATE,
    "reportedById" INTEGER,
    "checkedOn" DATE,
    "checkedById" INTEGER,
    "returnReason" VARCHAR(500),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "WorkTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkSettings" (
    "countyId" INTEGER NOT NULL,
    "warningDays" INTEGER NOT NULL DEFAULT 3,

    CONSTRAINT "WorkSettings_pkey" PRIMARY KEY ("countyId")
);

-- CreateTable
CREATE TABLE "CaseDepartment" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "CaseDepartment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "channel" "CaseChannel" NOT NULL,
    "kind" "CaseKind" NOT NULL,
    "personId" INTEGER,
    "callerName" VARCHAR(50),
    "subject" VARCHAR(100) NOT NULL,
    "content" VARCHAR(4000) NOT NULL,
    "receivedOn" DATE NOT NULL,
    "dueOn" DATE NOT NULL,
    "receivedById" INTEGER NOT NULL,
    "receiverRegionId" INTEGER NOT NULL,
    "assignedRegionId" INTEGER,
    "departmentId" INTEGER,
    "townshipId" INTEGER,
    "status" "CaseStatus" NOT NULL DEFAULT 'RECEIVED',
    "reply" VARCHAR(4000),
    "repliedOn" DATE,
    "repliedById" INTEGER,
    "answeredLate" BOOLEAN NOT NULL DEFAULT false,
    "satisfaction" "CaseSatisfaction",
    "closedOn" DATE,
    "closedById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkAgreement_partyRegionId_year_idx" ON "WorkAgreement"("partyRegionId", "year");

-- CreateIndex
CREATE INDEX "WorkAgreement_issuerRegionId_year_idx" ON "WorkAgreement"("issuerRegionId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "WorkAgreement_year_issuerRegionId_partyRegionId_key" ON "WorkAgreement"("year", "issuerRegionId", "partyRegionId");

-- CreateIndex
CREATE INDEX "WorkAgreementItem_agreementId_idx" ON "WorkAgreementItem"("agreementId");

-- CreateIndex
CREATE INDEX "WorkTask_regionPath_idx" ON "WorkTask" USING GIN ("regionPath");

-- CreateIndex
CREATE INDEX "WorkTask_assigneeRegionId_dueOn_idx" ON "WorkTask"("assigneeRegionId", "dueOn");

-- CreateIndex
CREATE INDEX "WorkTask_issuerRegionId_dueOn_idx" ON "WorkTask"("issuerRegionId", "dueOn");

-- CreateIndex
CREATE INDEX "WorkTask_countyId_dueOn_idx" ON "WorkTask"("countyId", "dueOn");

-- CreateIndex
CREATE INDEX "WorkTask_assigneeUserId_idx" ON "WorkTask"("assigneeUserId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseDepartment_countyId_name_key" ON "CaseDepartment"("countyId", "name");

-- CreateIndex
CREATE INDEX "Case_countyId_receivedOn_idx" ON "Case"("countyId", "receivedOn");

-- CreateIndex
CREATE INDEX "Case_assignedRegionId_status_idx" ON "Case"("assignedRegionId", "status");

-- CreateIndex
CREATE INDEX "Case_townshipId_receivedOn_idx" ON "Case"("townshipId", "receivedOn");

-- CreateIndex
CREATE INDEX "Case_receiverRegionId_idx" ON "Case"("receiverRegionId");

-- AddForeignKey
ALTER TABLE "WorkAgreementItem" ADD CONSTRAINT "WorkAgreementItem_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "WorkAgreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
