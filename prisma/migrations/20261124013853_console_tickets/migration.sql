-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "openedById" UUID;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "Technician"("id") ON DELETE SET NULL ON UPDATE CASCADE;
