-- DropIndex
DROP INDEX "CachedAssignment_teamId_environment_status_submitTime_idx";

-- CreateIndex
CREATE INDEX "CachedAssignment_teamId_environment_status_submitTime_assig_idx" ON "CachedAssignment"("teamId", "environment", "status", "submitTime", "assignmentId");

-- CreateIndex
CREATE INDEX "CachedAssignment_teamId_environment_status_workerId_submitT_idx" ON "CachedAssignment"("teamId", "environment", "status", "workerId", "submitTime", "assignmentId");

-- CreateIndex
CREATE INDEX "CachedAssignment_teamId_environment_status_hitId_submitTime_idx" ON "CachedAssignment"("teamId", "environment", "status", "hitId", "submitTime", "assignmentId");
