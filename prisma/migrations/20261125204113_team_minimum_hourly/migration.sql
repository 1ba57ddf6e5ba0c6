-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "minimumHourlyCents" INTEGER;
