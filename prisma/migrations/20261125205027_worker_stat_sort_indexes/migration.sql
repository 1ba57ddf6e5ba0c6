-- DropIndex
DROP INDEX "WorkerStat_teamId_environment_lastSeenAt_idx";

-- AlterTable
ALTER TABLE "WorkerStatBuild" ADD COLUMN     "workers" INTEGER NOT NULL DEFAULT 0;
-- Builds made before the column: their row counts, so the page's total is right until the next rebuild.
UPDATE "WorkerStatBuild" b SET "workers" = (SELECT COUNT(*) FROM "WorkerStat" s WHERE s."teamId" = b."teamId" AND s."environment" = b."environment");

-- CreateIndex
CREATE INDEX "WorkerStat_teamId_environment_lastSeenAt_workerId_idx" ON "WorkerStat"("teamId", "environment", "lastSeenAt", "workerId");

-- CreateIndex
CREATE INDEX "WorkerStat_teamId_environment_firstSeenAt_workerId_idx" ON "WorkerStat"("teamId", "environment", "firstSeenAt", "workerId");

-- CreateIndex
CREATE INDEX "WorkerStat_teamId_environment_submitted_workerId_idx" ON "WorkerStat"("teamId", "environment", "submitted", "workerId");

-- CreateIndex
CREATE INDEX "WorkerStat_teamId_environment_approvalRate_workerId_idx" ON "WorkerStat"("teamId", "environment", "approvalRate", "workerId");

-- CreateIndex
CREATE INDEX "WorkerStat_teamId_environment_earningsCents_workerId_idx" ON "WorkerStat"("teamId", "environment", "earningsCents", "workerId");

-- CreateIndex
CREATE INDEX "WorkerStat_teamId_environment_bonusCents_workerId_idx" ON "WorkerStat"("teamId", "environment", "bonusCents", "workerId");

-- CreateIndex
CREATE INDEX "WorkerStat_teamId_environment_medianSeconds_workerId_idx" ON "WorkerStat"("teamId", "environment", "medianSeconds", "workerId");

-- CreateIndex
-- NULLS LAST by hand (Prisma's schema cannot say it, and ignores it when diffing): the workers
-- page sorts nullable columns with nulls last in both directions.
CREATE INDEX "WorkerStat_medianSeconds_desc_idx" ON "WorkerStat"("teamId", "environment", "medianSeconds" DESC NULLS LAST, "workerId" DESC);

-- CreateIndex
CREATE INDEX "WorkerStat_teamId_environment_hourlyCents_workerId_idx" ON "WorkerStat"("teamId", "environment", "hourlyCents", "workerId");

-- CreateIndex
CREATE INDEX "WorkerStat_hourlyCents_desc_idx" ON "WorkerStat"("teamId", "environment", "hourlyCents" DESC NULLS LAST, "workerId" DESC);
