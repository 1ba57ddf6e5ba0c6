-- CreateIndex
CREATE INDEX "CachedAssignment_teamId_environment_submitTime_status_hitId_idx" ON "CachedAssignment"("teamId", "environment", "submitTime", "status", "hitId");

-- CreateIndex
CREATE INDEX "CachedAssignment_teamId_environment_approvalTime_hitId_idx" ON "CachedAssignment"("teamId", "environment", "approvalTime", "hitId");
