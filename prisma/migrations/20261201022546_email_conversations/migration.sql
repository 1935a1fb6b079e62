-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "emailBounceReason" TEXT,
ADD COLUMN     "emailBouncedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "followUpOfId" UUID,
ADD COLUMN     "requesterEmail" TEXT,
ADD COLUMN     "requesterName" TEXT,
ALTER COLUMN "customerId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "TicketMailId" (
    "messageId" TEXT NOT NULL,
    "ticketId" UUID NOT NULL,
    "direction" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketMailId_pkey" PRIMARY KEY ("messageId")
);

-- CreateTable
CREATE TABLE "InboundMail" (
    "id" UUID NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "messageId" TEXT,
    "via" TEXT NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "fromName" TEXT,
    "subject" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "ticketId" UUID,
    "ticketMessageId" UUID,
    "raw" BYTEA,
    "rawSize" INTEGER NOT NULL,
    "fullText" TEXT,

    CONSTRAINT "InboundMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundChannelStatus" (
    "channel" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "detail" TEXT,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "lastMessageAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboundChannelStatus_pkey" PRIMARY KEY ("channel")
);

-- CreateIndex
CREATE INDEX "TicketMailId_ticketId_createdAt_idx" ON "TicketMailId"("ticketId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMail_dedupeKey_key" ON "InboundMail"("dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMail_ticketMessageId_key" ON "InboundMail"("ticketMessageId");

-- CreateIndex
CREATE INDEX "InboundMail_outcome_receivedAt_idx" ON "InboundMail"("outcome", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundMail_fromAddress_receivedAt_idx" ON "InboundMail"("fromAddress", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundMail_ticketId_idx" ON "InboundMail"("ticketId");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_followUpOfId_fkey" FOREIGN KEY ("followUpOfId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketMailId" ADD CONSTRAINT "TicketMailId_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundMail" ADD CONSTRAINT "InboundMail_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundMail" ADD CONSTRAINT "InboundMail_ticketMessageId_fkey" FOREIGN KEY ("ticketMessageId") REFERENCES "TicketMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;
