-- CreateEnum
CREATE TYPE "SupplyMovementKind" AS ENUM ('RECEIVE', 'TRANSFER_OUT', 'TRANSFER_IN', 'DISPENSE', 'WRITE_OFF', 'STOCKTAKE');

-- CreateEnum
CREATE TYPE "SupplyWriteOffReason" AS ENUM ('EXPIRED', 'DAMAGED');

-- CreateTable
CREATE TABLE "SupplyItem" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "nameZh" VARCHAR(50) NOT NULL,
    "nameEn" VARCHAR(100) NOT NULL,
    "unitZh" VARCHAR(10) NOT NULL,
    "unitEn" VARCHAR(20) NOT NULL,
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupplyItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupplyBatch" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "batchNo" VARCHAR(40) NOT NULL,
    "expiresOn" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupplyBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupplyStock" (
    "stationId" INTEGER NOT NULL,
    "batchId" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "SupplyStock_pkey" PRIMARY KEY ("stationId","batchId")
);

-- CreateTable
CREATE TABLE "SupplyMovement" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER,
    "stationId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "batchId" INTEGER NOT NULL,
    "kind" "SupplyMovementKind" NOT NULL,
    "delta" INTEGER NOT NULL,
    "occurredOn" DATE NOT NULL,
    "counterpartStationId" INTEGER,
    "reason" "SupplyWriteOffReason",
    "note" VARCHAR(200),
    "bookQuantity" INTEGER,
    "countedQuantity" INTEGER,
    "personId" INTEGER,
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "recordedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupplyMovement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SupplyItem_countyId_code_key" ON "SupplyItem"("countyId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "SupplyBatch_itemId_batchNo_key" ON "SupplyBatch"("itemId", "batchNo");

-- CreateIndex
CREATE INDEX "SupplyStock_countyId_idx" ON "SupplyStock"("countyId");

-- CreateIndex
CREATE INDEX "SupplyStock_townshipId_idx" ON "SupplyStock"("townshipId");

-- CreateIndex
CREATE INDEX "SupplyMovement_stationId_occurredOn_idx" ON "SupplyMovement"("stationId", "occurredOn");

-- CreateIndex
CREATE INDEX "SupplyMovement_townshipId_occurredOn_idx" ON "SupplyMovement"("townshipId", "occurredOn");

-- CreateIndex
CREATE INDEX "SupplyMovement_countyId_occurredOn_idx" ON "SupplyMovement"("countyId", "occurredOn");

-- CreateIndex
CREATE INDEX "SupplyMovement_batchId_idx" ON "SupplyMovement"("batchId");

-- AddForeignKey
ALTER TABLE "SupplyBatch" ADD CONSTRAINT "SupplyBatch_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SupplyItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplyStock" ADD CONSTRAINT "SupplyStock_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "ServiceStation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplyStock" ADD CONSTRAINT "SupplyStock_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "SupplyBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplyMovement" ADD CONSTRAINT "SupplyMovement_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "ServiceStation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplyMovement" ADD CONSTRAINT "SupplyMovement_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SupplyItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplyMovement" ADD CONSTRAINT "SupplyMovement_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "SupplyBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Stock never goes negative: the service locks the row (SELECT … FOR UPDATE) and checks first;
-- this is the last line should a future write forget to.
ALTER TABLE "SupplyStock" ADD CONSTRAINT "SupplyStock_quantity_check" CHECK (quantity >= 0);
-- A movement changes stock (a stocktake that agrees with the book is recorded with delta 0), its
-- sign fits its kind, and a stocktake carries both quantities.
ALTER TABLE "SupplyMovement" ADD CONSTRAINT "SupplyMovement_delta_check" CHECK (
  (kind IN ('RECEIVE', 'TRANSFER_IN') AND delta > 0)
  OR (kind IN ('TRANSFER_OUT', 'DISPENSE', 'WRITE_OFF') AND delta < 0)
  OR (kind = 'STOCKTAKE' AND "bookQuantity" IS NOT NULL AND "countedQuantity" IS NOT NULL AND delta = "countedQuantity" - "bookQuantity"));
ALTER TABLE "SupplyMovement" ADD CONSTRAINT "SupplyMovement_writeoff_check" CHECK ((kind = 'WRITE_OFF') = (reason IS NOT NULL));
