-- CreateEnum
CREATE TYPE "OsPlatform" AS ENUM ('windows', 'macos', 'linux');

-- CreateEnum
CREATE TYPE "OsKind" AS ENUM ('workstation', 'server');

-- CreateTable
CREATE TABLE "Customer" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "installKey" TEXT NOT NULL,
    "installKeyRotatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "machineId" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "osPlatform" "OsPlatform" NOT NULL,
    "osName" TEXT NOT NULL,
    "osVersion" TEXT NOT NULL,
    "osKind" "OsKind" NOT NULL,
    "ip" TEXT,
    "agentVersion" TEXT NOT NULL,
    "agentTokenHash" TEXT NOT NULL,
    "currentProfileId" UUID,
    "helpdeskStateVersion" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceProfile" (
    "id" UUID NOT NULL,
    "deviceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceProfile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_installKey_key" ON "Customer"("installKey");

-- CreateIndex
CREATE INDEX "Customer_name_idx" ON "Customer"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Device_agentTokenHash_key" ON "Device"("agentTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Device_currentProfileId_key" ON "Device"("currentProfileId");

-- CreateIndex
CREATE INDEX "Device_customerId_hostname_id_idx" ON "Device"("customerId", "hostname", "id");

-- CreateIndex
CREATE INDEX "Device_hostname_id_idx" ON "Device"("hostname", "id");

-- CreateIndex
CREATE INDEX "Device_lastSeenAt_idx" ON "Device"("lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "Device_customerId_machineId_key" ON "Device"("customerId", "machineId");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceProfile_deviceId_name_key" ON "DeviceProfile"("deviceId", "name");

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_currentProfileId_fkey" FOREIGN KEY ("currentProfileId") REFERENCES "DeviceProfile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceProfile" ADD CONSTRAINT "DeviceProfile_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;
