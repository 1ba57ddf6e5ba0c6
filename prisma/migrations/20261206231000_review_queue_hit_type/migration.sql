-- The review queue's HIT filter (a HIT type, or words of its title) reads one index range in
-- submit order instead of walking every submitted assignment and joining its HIT.
ALTER TABLE "CachedAssignment" ADD COLUMN "hitTypeId" TEXT;

UPDATE "CachedAssignment" a SET "hitTypeId" = h."hitTypeId"
FROM "CachedHit" h
WHERE h."teamId" = a."teamId" AND h.environment = a.environment AND h."hitId" = a."hitId";

-- An assignment whose HIT is not cached never shows in the queue (it joins its HIT).
UPDATE "CachedAssignment" SET "hitTypeId" = '' WHERE "hitTypeId" IS NULL;

ALTER TABLE "CachedAssignment" ALTER COLUMN "hitTypeId" SET NOT NULL;

CREATE INDEX "CachedAssignment_queue_hitTypeId_idx" ON "CachedAssignment"("teamId", "environment", "status", "hitTypeId", "submitTime", "assignmentId");

-- The HIT types of a team and their titles, read one index probe per type.
CREATE INDEX "CachedHit_teamId_environment_hitTypeId_title_idx" ON "CachedHit"("teamId", "environment", "hitTypeId", "title");
