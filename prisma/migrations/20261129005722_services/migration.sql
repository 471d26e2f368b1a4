-- CreateEnum
CREATE TYPE "ServiceDeliverer" AS ENUM ('VILLAGE_OFFICER', 'TOWNSHIP_SERVICE_STAFF', 'COUNTY');

-- CreateEnum
CREATE TYPE "ServiceTarget" AS ENUM ('PERSON', 'GROUP');

-- CreateEnum
CREATE TYPE "ServiceSchedule" AS ENUM ('NONE', 'CHILD_AGES', 'YEARLY_FROM_AGE', 'MONTHLY_SPECIAL_FAMILY', 'BEFORE_MARRIAGE');

-- CreateEnum
CREATE TYPE "ConsentBy" AS ENUM ('PERSON', 'GUARDIAN');

-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('SIGNED_FORM', 'VERBAL_WITNESSED');

-- CreateEnum
CREATE TYPE "ServiceRecordStatus" AS ENUM ('ACTIVE', 'CORRECTED');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'TOWNSHIP_SERVICE_STAFF';

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "mime" VARCHAR(40) NOT NULL,
    "size" INTEGER NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "thumbnail" BOOLEAN NOT NULL DEFAULT false,
    "ownerType" VARCHAR(40) NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceType" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "nameZh" VARCHAR(50) NOT NULL,
    "nameEn" VARCHAR(100) NOT NULL,
    "deliveredBy" "ServiceDeliverer" NOT NULL,
    "target" "ServiceTarget" NOT NULL,
    "schedule" "ServiceSchedule" NOT NULL DEFAULT 'NONE',
    "scheduleValues" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceRecord" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER,
    "typeId" INTEGER NOT NULL,
    "sensitive" BOOLEAN NOT NULL,
    "personId" INTEGER,
    "title" VARCHAR(100),
    "place" VARCHAR(100),
    "attendance" INTEGER,
    "attendeeIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "servedOn" DATE NOT NULL,
    "station" VARCHAR(100) NOT NULL,
    "staffName" VARCHAR(50) NOT NULL,
    "outcome" VARCHAR(500) NOT NULL,
    "followUpOn" DATE,
    "consentBy" "ConsentBy",
    "consentName" VARCHAR(50),
    "consentOn" DATE,
    "consentMethod" "ConsentMethod",
    "withdrawnOn" DATE,
    "withdrawnById" INTEGER,
    "status" "ServiceRecordStatus" NOT NULL DEFAULT 'ACTIVE',
    "voided" BOOLEAN NOT NULL DEFAULT false,
    "correctsId" INTEGER,
    "correctionReason" VARCHAR(500),
    "recordedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpecialFamily" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,
    "townshipContact" VARCHAR(50) NOT NULL,
    "villageContact" VARCHAR(50) NOT NULL,
    "since" DATE NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "setById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SpecialFamily_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attachment_ownerType_ownerId_idx" ON "Attachment"("ownerType", "ownerId");

-- CreateIndex
CREATE INDEX "Attachment_sha256_idx" ON "Attachment"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceType_countyId_code_key" ON "ServiceType"("countyId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceRecord_correctsId_key" ON "ServiceRecord"("correctsId");

-- CreateIndex
CREATE INDEX "ServiceRecord_personId_servedOn_idx" ON "ServiceRecord"("personId", "servedOn");

-- CreateIndex
CREATE INDEX "ServiceRecord_countyId_typeId_servedOn_idx" ON "ServiceRecord"("countyId", "typeId", "servedOn");

-- CreateIndex
CREATE INDEX "ServiceRecord_townshipId_servedOn_idx" ON "ServiceRecord"("townshipId", "servedOn");

-- CreateIndex
CREATE INDEX "ServiceRecord_villageId_servedOn_idx" ON "ServiceRecord"("villageId", "servedOn");

-- CreateIndex
CREATE UNIQUE INDEX "SpecialFamily_householdId_key" ON "SpecialFamily"("householdId");

-- CreateIndex
CREATE INDEX "SpecialFamily_townshipId_idx" ON "SpecialFamily"("townshipId");

-- CreateIndex
CREATE INDEX "SpecialFamily_villageId_idx" ON "SpecialFamily"("villageId");

-- AddForeignKey
ALTER TABLE "ServiceRecord" ADD CONSTRAINT "ServiceRecord_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "ServiceType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceRecord" ADD CONSTRAINT "ServiceRecord_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "ServiceRecord"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A sensitive service for a person cannot exist without recorded consent (the service checks it
-- first with a message; this is the last line).
ALTER TABLE "ServiceRecord" ADD CONSTRAINT "ServiceRecord_sensitive_consent"
  CHECK (NOT "sensitive" OR "personId" IS NULL OR ("consentBy" IS NOT NULL AND "consentOn" IS NOT NULL AND "consentMethod" IS NOT NULL));
