-- AlterTable
ALTER TABLE "Membership" ADD COLUMN "gettingStartedHiddenAt" TIMESTAMP(3);
