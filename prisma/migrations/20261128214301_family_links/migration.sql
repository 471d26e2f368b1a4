-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "birthOrderEntered" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "fatherId" INTEGER;

-- CreateTable
CREATE TABLE "FormSubmission" (
    "key" VARCHAR(64) NOT NULL,
    "userId" INTEGER NOT NULL,
    "action" VARCHAR(40) NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormSubmission_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "FormSubmission_createdAt_idx" ON "FormSubmission"("createdAt");

-- CreateIndex
CREATE INDEX "Person_fatherId_idx" ON "Person"("fatherId");

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_fatherId_fkey" FOREIGN KEY ("fatherId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
