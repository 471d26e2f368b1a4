-- CreateEnum
CREATE TYPE "StationKind" AS ENUM ('TOWNSHIP_STATION', 'VILLAGE_ROOM');

-- AlterTable
ALTER TABLE "ServiceRecord" ADD COLUMN     "stationId" INTEGER;

-- CreateTable
CREATE TABLE "ServiceStation" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER,
    "kind" "StationKind" NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "address" VARCHAR(200) NOT NULL,
    "openingHours" VARCHAR(100) NOT NULL,
    "phone" VARCHAR(30),
    "staff" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "equipment" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceStation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ServiceStation_countyId_townshipId_idx" ON "ServiceStation"("countyId", "townshipId");

-- CreateIndex
CREATE INDEX "ServiceStation_villageId_idx" ON "ServiceStation"("villageId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceStation_townshipId_name_key" ON "ServiceStation"("townshipId", "name");

-- AddForeignKey
ALTER TABLE "ServiceRecord" ADD CONSTRAINT "ServiceRecord_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "ServiceStation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
