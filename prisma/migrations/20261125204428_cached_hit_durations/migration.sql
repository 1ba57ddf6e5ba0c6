-- AlterTable
ALTER TABLE "CachedHit" ADD COLUMN     "assignmentDurationSeconds" INTEGER,
ADD COLUMN     "autoApprovalDelaySeconds" INTEGER,
ADD COLUMN     "lifetimeSeconds" INTEGER;

-- HITs cached before: their lifetime as it stands now (exact unless extended since).
UPDATE "CachedHit" SET "lifetimeSeconds" = GREATEST(0, round(extract(epoch FROM ("expiresAt" - "createdAt"))))::int;
