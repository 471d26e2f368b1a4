-- CreateEnum
CREATE TYPE "CheckScore" AS ENUM ('MET', 'PARTLY', 'NOT_MET');

-- CreateEnum
CREATE TYPE "ChildcareOperator" AS ENUM ('PUBLIC', 'INCLUSIVE_PRIVATE', 'PRIVATE', 'EMPLOYER', 'KINDERGARTEN');

-- AlterTable
ALTER TABLE "ServiceStation" ADD COLUMN     "checkedOn" DATE,
ADD COLUMN     "meetsStandard" BOOLEAN,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "StationChecklistItem" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "nameZh" VARCHAR(50) NOT NULL,
    "nameEn" VARCHAR(100) NOT NULL,
    "core" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StationChecklistItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StationCheck" (
    "id" SERIAL NOT NULL,
    "stationId" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER,
    "checkedOn" DATE NOT NULL,
    "checkedBy" VARCHAR(50) NOT NULL,
    "notes" VARCHAR(500),
    "meetsStandard" BOOLEAN NOT NULL,
    "recordedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StationCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StationCheckScore" (
    "id" SERIAL NOT NULL,
    "checkId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "score" "CheckScore" NOT NULL,
    "note" VARCHAR(200),

    CONSTRAINT "StationCheckScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChildcareInstitution" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "licence" VARCHAR(50) NOT NULL,
    "operator" "ChildcareOperator" NOT NULL,
    "places" INTEGER NOT NULL,
    "placesInUse" INTEGER NOT NULL,
    "address" VARCHAR(200) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChildcareInstitution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StationChecklistItem_countyId_code_key" ON "StationChecklistItem"("countyId", "code");

-- CreateIndex
CREATE INDEX "StationCheck_stationId_checkedOn_idx" ON "StationCheck"("stationId", "checkedOn");

-- CreateIndex
CREATE INDEX "StationCheck_countyId_checkedOn_idx" ON "StationCheck"("countyId", "checkedOn");

-- CreateIndex
CREATE UNIQUE INDEX "StationCheckScore_checkId_itemId_key" ON "StationCheckScore"("checkId", "itemId");

-- CreateIndex
CREATE INDEX "ChildcareInstitution_townshipId_idx" ON "ChildcareInstitution"("townshipId");

-- CreateIndex
CREATE UNIQUE INDEX "ChildcareInstitution_countyId_licence_key" ON "ChildcareInstitution"("countyId", "licence");

-- AddForeignKey
ALTER TABLE "StationCheck" ADD CONSTRAINT "StationCheck_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "ServiceStation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StationCheckScore" ADD CONSTRAINT "StationCheckScore_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "StationCheck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StationCheckScore" ADD CONSTRAINT "StationCheckScore_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "StationChecklistItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- places in use never exceed the places, and neither is negative (the form says so first)
ALTER TABLE "ChildcareInstitution" ADD CONSTRAINT "ChildcareInstitution_places_check" CHECK ("places" >= 0 AND "placesInUse" >= 0 AND "placesInUse" <= "places");
