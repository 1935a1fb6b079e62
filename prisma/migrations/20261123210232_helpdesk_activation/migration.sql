-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "autoActivateHelpdesk" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "DeviceProfile" ADD COLUMN     "helpdeskActive" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "helpdeskChangedAt" TIMESTAMP(3);
