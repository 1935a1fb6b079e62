-- DropIndex
DROP INDEX "Device_customerId_machineId_key";

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "cloneOfId" UUID,
ADD COLUMN     "hardwareId" TEXT;

-- CreateTable
CREATE TABLE "DeviceToken" (
    "tokenHash" TEXT NOT NULL,
    "deviceId" UUID NOT NULL,
    "retiresAt" TIMESTAMP(3) NOT NULL,
    "exchanged" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "DeviceToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "DeviceToken_deviceId_idx" ON "DeviceToken"("deviceId");

-- CreateIndex
CREATE INDEX "Device_customerId_machineId_idx" ON "Device"("customerId", "machineId");

-- CreateIndex
CREATE INDEX "Device_cloneOfId_idx" ON "Device"("cloneOfId");

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_cloneOfId_fkey" FOREIGN KEY ("cloneOfId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceToken" ADD CONSTRAINT "DeviceToken_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;
