-- Trigram indexes (name, pinyin, phone and address search) need pg_trgm; it ships with PostgreSQL's contrib modules.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "Residence" AS ENUM ('LOCAL', 'AWAY', 'INFLOW', 'OUTFLOW');

-- CreateEnum
CREATE TYPE "MaritalStatus" AS ENUM ('SINGLE', 'MARRIED', 'DIVORCED', 'WIDOWED');

-- CreateEnum
CREATE TYPE "Relation" AS ENUM ('SELF', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDPARENT', 'GRANDCHILD', 'SIBLING', 'OTHER');

-- CreateEnum
CREATE TYPE "HouseholdType" AS ENUM ('FAMILY', 'COLLECTIVE');

-- CreateEnum
CREATE TYPE "Education" AS ENUM ('NONE', 'PRIMARY', 'JUNIOR', 'SENIOR', 'VOCATIONAL', 'COLLEGE', 'BACHELOR', 'POSTGRADUATE');

-- CreateEnum
CREATE TYPE "LifeEventType" AS ENUM ('BIRTH', 'DEATH', 'MARRIAGE', 'DIVORCE', 'MOVE_WITHIN', 'MOVE_OUT', 'MOVE_IN', 'RETURN');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('ACTIVE', 'CORRECTED');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('PENDING', 'CHECKED', 'QUESTIONED', 'ANSWERED');

-- CreateEnum
CREATE TYPE "ExchangeDirection" AS ENUM ('INFLOW', 'OUTFLOW');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('ERROR', 'WARNING');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('OPEN', 'ASSIGNED', 'FIXED', 'CLOSED');

-- CreateTable
CREATE TABLE "Household" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "groupId" INTEGER,
    "regionId" INTEGER NOT NULL,
    "address" VARCHAR(100) NOT NULL,
    "type" "HouseholdType" NOT NULL DEFAULT 'FAMILY',
    "headId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "groupId" INTEGER,
    "regionId" INTEGER NOT NULL,
    "householdId" INTEGER,
    "relation" "Relation",
    "name" TEXT NOT NULL,
    "namePinyin" TEXT NOT NULL,
    "nameInitials" TEXT NOT NULL,
    "sex" "Sex" NOT NULL,
    "birthDate" DATE NOT NULL,
    "ethnicity" CHAR(2) NOT NULL,
    "idCipher" BYTEA,
    "idHash" CHAR(64),
    "idMasked" VARCHAR(18),
    "idLast4" CHAR(4),
    "phone" TEXT,
    "hukouRegionId" INTEGER,
    "hukouText" VARCHAR(100),
    "hukouCode" CHAR(12),
    "residence" "Residence" NOT NULL DEFAULT 'LOCAL',
    "migrationPlace" VARCHAR(100),
    "migrationSince" DATE,
    "maritalStatus" "MaritalStatus" NOT NULL DEFAULT 'SINGLE',
    "education" "Education",
    "occupation" VARCHAR(50),
    "alive" BOOLEAN NOT NULL DEFAULT true,
    "deathDate" DATE,
    "movedOut" BOOLEAN NOT NULL DEFAULT false,
    "motherId" INTEGER,
    "birthOrder" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LifeEvent" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "type" "LifeEventType" NOT NULL,
    "personId" INTEGER NOT NULL,
    "otherPersonId" INTEGER,
    "occurredOn" DATE NOT NULL,
    "recordedOn" DATE NOT NULL,
    "late" BOOLEAN NOT NULL,
    "details" JSONB NOT NULL,
    "status" "EventStatus" NOT NULL DEFAULT 'ACTIVE',
    "correctsId" INTEGER,
    "recordedById" INTEGER NOT NULL,
    "reviewStatus" "ReviewStatus" NOT NULL DEFAULT 'PENDING',
    "reviewQuestion" VARCHAR(500),
    "reviewAnswer" VARCHAR(500),
    "reviewedById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LifeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeRequest" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "direction" "ExchangeDirection" NOT NULL,
    "otherCounty" VARCHAR(100) NOT NULL,
    "sentOn" DATE NOT NULL,
    "answeredOn" DATE,
    "answer" VARCHAR(500),
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QualityFinding" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "rule" VARCHAR(40) NOT NULL,
    "severity" "Severity" NOT NULL,
    "entity" VARCHAR(20) NOT NULL,
    "entityId" INTEGER NOT NULL,
    "details" JSONB NOT NULL,
    "status" "FindingStatus" NOT NULL DEFAULT 'OPEN',
    "assigneeId" INTEGER,
    "note" VARCHAR(500),
    "detectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "QualityFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Household_headId_key" ON "Household"("headId");

-- CreateIndex
CREATE INDEX "Household_countyId_idx" ON "Household"("countyId");

-- CreateIndex
CREATE INDEX "Household_townshipId_idx" ON "Household"("townshipId");

-- CreateIndex
CREATE INDEX "Household_villageId_idx" ON "Household"("villageId");

-- CreateIndex
CREATE INDEX "Household_address_idx" ON "Household" USING GIN ("address" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Person_countyId_idLast4_idx" ON "Person"("countyId", "idLast4");

-- CreateIndex
CREATE INDEX "Person_townshipId_idx" ON "Person"("townshipId");

-- CreateIndex
CREATE INDEX "Person_villageId_idx" ON "Person"("villageId");

-- CreateIndex
CREATE INDEX "Person_householdId_idx" ON "Person"("householdId");

-- CreateIndex
CREATE INDEX "Person_motherId_idx" ON "Person"("motherId");

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Person_namePinyin_idx" ON "Person" USING GIN ("namePinyin" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Person_nameInitials_idx" ON "Person" USING GIN ("nameInitials" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Person_phone_idx" ON "Person" USING GIN ("phone" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Person_countyId_idHash_key" ON "Person"("countyId", "idHash");

-- CreateIndex
CREATE UNIQUE INDEX "LifeEvent_correctsId_key" ON "LifeEvent"("correctsId");

-- CreateIndex
CREATE INDEX "LifeEvent_personId_idx" ON "LifeEvent"("personId");

-- CreateIndex
CREATE INDEX "LifeEvent_countyId_occurredOn_idx" ON "LifeEvent"("countyId", "occurredOn");

-- CreateIndex
CREATE INDEX "LifeEvent_townshipId_createdAt_idx" ON "LifeEvent"("townshipId", "createdAt");

-- CreateIndex
CREATE INDEX "LifeEvent_villageId_createdAt_idx" ON "LifeEvent"("villageId", "createdAt");

-- CreateIndex
CREATE INDEX "ExchangeRequest_personId_idx" ON "ExchangeRequest"("personId");

-- CreateIndex
CREATE INDEX "ExchangeRequest_townshipId_sentOn_idx" ON "ExchangeRequest"("townshipId", "sentOn");

-- CreateIndex
CREATE INDEX "QualityFinding_townshipId_status_idx" ON "QualityFinding"("townshipId", "status");

-- CreateIndex
CREATE INDEX "QualityFinding_villageId_status_idx" ON "QualityFinding"("villageId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "QualityFinding_rule_entity_entityId_key" ON "QualityFinding"("rule", "entity", "entityId");

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_headId_fkey" FOREIGN KEY ("headId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_motherId_fkey" FOREIGN KEY ("motherId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LifeEvent" ADD CONSTRAINT "LifeEvent_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LifeEvent" ADD CONSTRAINT "LifeEvent_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "LifeEvent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeRequest" ADD CONSTRAINT "ExchangeRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
