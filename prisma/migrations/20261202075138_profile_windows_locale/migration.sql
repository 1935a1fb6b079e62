-- AlterTable
ALTER TABLE "DeviceProfile" ADD COLUMN     "windowsLocale" TEXT;
