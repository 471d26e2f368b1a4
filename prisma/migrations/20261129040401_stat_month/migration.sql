-- CreateTable
CREATE TABLE "StatMonth" (
    "regionId" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "level" VARCHAR(10) NOT NULL,
    "month" VARCHAR(7) NOT NULL,
    "total" JSONB NOT NULL,
    "byChild" JSONB NOT NULL,
    "stale" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 0,
    "computedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatMonth_pkey" PRIMARY KEY ("regionId","month")
);

-- CreateIndex
CREATE INDEX "StatMonth_countyId_month_idx" ON "StatMonth"("countyId", "month");
