-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "slaPolicyId" UUID;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "firstRespondedAt" TIMESTAMP(3),
ADD COLUMN     "firstResponseBreachedAt" TIMESTAMP(3),
ADD COLUMN     "firstResponseDueAt" TIMESTAMP(3),
ADD COLUMN     "resolutionBreachedAt" TIMESTAMP(3),
ADD COLUMN     "resolutionDueAt" TIMESTAMP(3),
ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "slaAlertAt" TIMESTAMP(3),
ADD COLUMN     "slaCalendarId" UUID,
ADD COLUMN     "slaDueAt" TIMESTAMP(3),
ADD COLUMN     "slaPolicyId" UUID,
ADD COLUMN     "slaTargets" JSONB,
ADD COLUMN     "slaWarnAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TicketStatusChange" (
    "id" BIGSERIAL NOT NULL,
    "ticketId" UUID NOT NULL,
    "status" "TicketStatus" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaCalendar" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "weeklyHours" JSONB NOT NULL,
    "holidays" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlaCalendar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaPolicy" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "calendarId" UUID NOT NULL,
    "targets" JSONB NOT NULL,
    "warningPercent" INTEGER NOT NULL DEFAULT 75,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlaPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaAlert" (
    "ticketId" UUID NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaAlert_pkey" PRIMARY KEY ("ticketId","target","kind")
);

-- CreateTable
CREATE TABLE "SlaRecompute" (
    "calendarId" UUID NOT NULL,
    "afterTicketId" UUID,
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaRecompute_pkey" PRIMARY KEY ("calendarId")
);

-- CreateIndex
CREATE INDEX "TicketStatusChange_ticketId_at_idx" ON "TicketStatusChange"("ticketId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "SlaCalendar_name_key" ON "SlaCalendar"("name");

-- CreateIndex
CREATE UNIQUE INDEX "SlaPolicy_name_key" ON "SlaPolicy"("name");

-- CreateIndex
CREATE INDEX "Ticket_slaDueAt_id_idx" ON "Ticket"("slaDueAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_slaAlertAt_idx" ON "Ticket"("slaAlertAt");

-- CreateIndex
CREATE INDEX "Ticket_slaCalendarId_id_idx" ON "Ticket"("slaCalendarId", "id");

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_slaPolicyId_fkey" FOREIGN KEY ("slaPolicyId") REFERENCES "SlaPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_slaPolicyId_fkey" FOREIGN KEY ("slaPolicyId") REFERENCES "SlaPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_slaCalendarId_fkey" FOREIGN KEY ("slaCalendarId") REFERENCES "SlaCalendar"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketStatusChange" ADD CONSTRAINT "TicketStatusChange_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaPolicy" ADD CONSTRAINT "SlaPolicy_calendarId_fkey" FOREIGN KEY ("calendarId") REFERENCES "SlaCalendar"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaAlert" ADD CONSTRAINT "SlaAlert_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaRecompute" ADD CONSTRAINT "SlaRecompute_calendarId_fkey" FOREIGN KEY ("calendarId") REFERENCES "SlaCalendar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (no semicolons inside statements or comments: the pg driver adapter splits
-- migration scripts on them). Tickets from before SLAs get the history that is known: open at
-- their createdAt, and their current status since their last update.
INSERT INTO "TicketStatusChange" ("ticketId", "status", "at") SELECT "id", 'open', "createdAt" FROM "Ticket";
INSERT INTO "TicketStatusChange" ("ticketId", "status", "at")
  SELECT "id", "status", "updatedAt" FROM "Ticket" WHERE "status" <> 'open';
