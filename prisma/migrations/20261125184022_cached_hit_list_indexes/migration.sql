-- CreateIndex
CREATE INDEX "CachedHit_teamId_environment_expiresAt_idx" ON "CachedHit"("teamId", "environment", "expiresAt");

-- CreateIndex
CREATE INDEX "CachedHit_teamId_environment_title_idx" ON "CachedHit"("teamId", "environment", "title");

-- CreateIndex
CREATE INDEX "CachedHit_teamId_environment_rewardCents_idx" ON "CachedHit"("teamId", "environment", "rewardCents");

-- CreateIndex
CREATE INDEX "CachedHit_teamId_environment_status_createdAt_idx" ON "CachedHit"("teamId", "environment", "status", "createdAt");
