-- CreateTable
CREATE TABLE "CachedHit" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "hitId" TEXT NOT NULL,
    "hitTypeId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "keywords" TEXT,
    "rewardCents" INTEGER NOT NULL,
    "maxAssignments" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reviewStatus" TEXT NOT NULL,
    "assignmentsPending" INTEGER NOT NULL,
    "assignmentsAvailable" INTEGER NOT NULL,
    "assignmentsCompleted" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "requesterAnnotation" TEXT,
    "qualificationRequirements" JSONB NOT NULL DEFAULT '[]',
    "forgottenAt" TIMESTAMP(3),
    "assignmentsSyncedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CachedHit_pkey" PRIMARY KEY ("teamId","environment","hitId")
);

-- CreateTable
CREATE TABLE "CachedAssignment" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "hitId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "acceptTime" TIMESTAMP(3),
    "submitTime" TIMESTAMP(3),
    "autoApprovalTime" TIMESTAMP(3),
    "approvalTime" TIMESTAMP(3),
    "rejectionTime" TIMESTAMP(3),
    "deadline" TIMESTAMP(3),
    "answerXml" TEXT,
    "answers" JSONB,
    "requesterFeedback" TEXT,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CachedAssignment_pkey" PRIMARY KEY ("teamId","environment","assignmentId")
);

-- CreateTable
CREATE TABLE "SyncState" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastCalls" INTEGER NOT NULL DEFAULT 0,
    "hitsSyncedAt" TIMESTAMP(3),

    CONSTRAINT "SyncState_pkey" PRIMARY KEY ("teamId","environment")
);

-- CreateIndex
CREATE INDEX "CachedHit_teamId_environment_createdAt_idx" ON "CachedHit"("teamId", "environment", "createdAt");

-- CreateIndex
CREATE INDEX "CachedHit_teamId_environment_status_idx" ON "CachedHit"("teamId", "environment", "status");

-- CreateIndex
CREATE INDEX "CachedAssignment_teamId_environment_status_submitTime_idx" ON "CachedAssignment"("teamId", "environment", "status", "submitTime");

-- CreateIndex
CREATE INDEX "CachedAssignment_teamId_environment_hitId_idx" ON "CachedAssignment"("teamId", "environment", "hitId");

-- CreateIndex
CREATE INDEX "CachedAssignment_teamId_environment_workerId_idx" ON "CachedAssignment"("teamId", "environment", "workerId");
