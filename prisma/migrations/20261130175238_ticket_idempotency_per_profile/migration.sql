-- DropIndex
DROP INDEX "Ticket_deviceId_idempotencyKey_key";

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "profileId" UUID,
ADD COLUMN     "requestHash" TEXT;

-- Agent tickets made before keys were scoped per profile: their profile is the one the snapshot
-- names, so a ticket still queued on an agent finds its ticket again after the upgrade. Their
-- content hash stays unknown (null), which a retry accepts as the same content.
UPDATE "Ticket" AS t SET "profileId" = p.id
FROM "DeviceProfile" AS p
WHERE t."idempotencyKey" IS NOT NULL AND p."deviceId" = t."deviceId" AND p.name = t.snapshot->>'user';

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_deviceId_profileId_idempotencyKey_key" ON "Ticket"("deviceId", "profileId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "DeviceProfile"("id") ON DELETE SET NULL ON UPDATE CASCADE;
