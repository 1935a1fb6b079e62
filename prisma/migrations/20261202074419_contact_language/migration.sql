-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "language" TEXT,
ADD COLUMN     "languageSource" TEXT;

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "language" TEXT;
