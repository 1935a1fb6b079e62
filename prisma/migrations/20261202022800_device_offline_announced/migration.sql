-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "offlineAnnouncedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Device_offlineAnnouncedAt_lastSeenAt_idx" ON "Device"("offlineAnnouncedAt", "lastSeenAt");

-- Devices already quiet when this migration runs are taken as announced: only devices that go
-- offline from now on make device.offline events (no burst for a fleet's long-gone machines).
-- Times are stored as UTC without a zone, hence now() in UTC whatever the session's zone.
UPDATE "Device" SET "offlineAnnouncedAt" = (now() AT TIME ZONE 'UTC')
WHERE "lastSeenAt" < (now() AT TIME ZONE 'UTC') - INTERVAL '75 seconds';
