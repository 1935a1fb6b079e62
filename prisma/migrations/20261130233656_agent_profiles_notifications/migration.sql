-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "profilesReportedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "DeviceProfile" ADD COLUMN     "onConsole" BOOLEAN,
ADD COLUMN     "signedIn" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "trayRunning" BOOLEAN;

-- CreateTable
CREATE TABLE "AgentNotification" (
    "id" UUID NOT NULL,
    "deviceId" UUID NOT NULL,
    "profileId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "ticketNumber" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "fromName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AgentNotification_deviceId_createdAt_idx" ON "AgentNotification"("deviceId", "createdAt");

-- AddForeignKey
ALTER TABLE "AgentNotification" ADD CONSTRAINT "AgentNotification_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentNotification" ADD CONSTRAINT "AgentNotification_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "DeviceProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;
