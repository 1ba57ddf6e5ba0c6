-- CreateIndex
CREATE INDEX "CachedAssignment_teamId_environment_status_autoApprovalTime_idx" ON "CachedAssignment"("teamId", "environment", "status", "autoApprovalTime");
