-- CreateTable
CREATE TABLE "ReviewSettings" (
    "teamId" TEXT NOT NULL,
    "undoWindowSeconds" INTEGER NOT NULL DEFAULT 10,
    "confirmProductionRejections" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewSettings_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "hitId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "feedback" TEXT,
    "status" TEXT NOT NULL,
    "slot" TEXT,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT NOT NULL,
    "decidedByEmail" TEXT NOT NULL,
    "confirmedById" TEXT,
    "jobId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentLedgerEntry" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "kind" TEXT NOT NULL,
    "uniqueRequestToken" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "hitId" TEXT,
    "amountCents" INTEGER NOT NULL,
    "reason" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "decisionId" TEXT,
    "jobId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "PaymentLedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackTemplate" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CachedHitQuestion" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "hitId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CachedHitQuestion_pkey" PRIMARY KEY ("teamId","environment","hitId")
);

-- CreateIndex
CREATE INDEX "ReviewDecision_teamId_environment_status_createdAt_idx" ON "ReviewDecision"("teamId", "environment", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewDecision_jobId_idx" ON "ReviewDecision"("jobId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDecision_teamId_environment_assignmentId_slot_key" ON "ReviewDecision"("teamId", "environment", "assignmentId", "slot");

-- CreateIndex
CREATE INDEX "PaymentLedgerEntry_teamId_environment_assignmentId_idx" ON "PaymentLedgerEntry"("teamId", "environment", "assignmentId");

-- CreateIndex
CREATE INDEX "PaymentLedgerEntry_teamId_environment_workerId_idx" ON "PaymentLedgerEntry"("teamId", "environment", "workerId");

-- CreateIndex
CREATE INDEX "PaymentLedgerEntry_jobId_idx" ON "PaymentLedgerEntry"("jobId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentLedgerEntry_teamId_environment_uniqueRequestToken_key" ON "PaymentLedgerEntry"("teamId", "environment", "uniqueRequestToken");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackTemplate_teamId_label_key" ON "FeedbackTemplate"("teamId", "label");
