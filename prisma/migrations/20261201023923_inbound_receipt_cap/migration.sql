-- AlterTable
ALTER TABLE "TicketAttachment" ADD COLUMN     "contentId" TEXT;

-- CreateTable
CREATE TABLE "InboundReceiptCap" (
    "address" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "InboundReceiptCap_pkey" PRIMARY KEY ("address","hour")
);

-- CreateIndex
CREATE INDEX "InboundReceiptCap_hour_idx" ON "InboundReceiptCap"("hour");
