-- CreateEnum
CREATE TYPE "Role" AS ENUM ('owner', 'admin', 'reviewer', 'viewer');

-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('sandbox', 'production');

-- CreateEnum
CREATE TYPE "MarketplaceKind" AS ENUM ('builtin', 'aws', 'custom');

-- CreateEnum
CREATE TYPE "MkEnvironment" AS ENUM ('sandbox', 'production');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "activeTeamId" TEXT,
    "environment" "Environment" NOT NULL DEFAULT 'sandbox',
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthAccount" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,

    CONSTRAINT "OAuthAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "reviewerBonusLimitCents" INTEGER NOT NULL DEFAULT 500,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SetupToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SetupToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MarketplaceConnection" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "kind" "MarketplaceKind" NOT NULL DEFAULT 'builtin',
    "endpoint" TEXT,
    "region" TEXT NOT NULL DEFAULT 'us-east-1',
    "accessKeyId" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MarketplaceConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "environment" "Environment",
    "userId" TEXT,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_requester" (
    "id" TEXT NOT NULL,
    "environment" "MkEnvironment" NOT NULL,
    "ownerRef" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "accessKeyId" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "feeSchedule" JSONB,
    "faults" JSONB,
    "clockOffsetMs" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mk_requester_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_hit_type" (
    "id" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "keywords" TEXT,
    "rewardCents" INTEGER NOT NULL,
    "assignmentDurationSec" INTEGER NOT NULL,
    "autoApprovalDelaySec" INTEGER NOT NULL,
    "qualificationRequirements" JSONB NOT NULL DEFAULT '[]',
    "fingerprint" TEXT NOT NULL,
    "notification" JSONB,
    "notificationActive" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mk_hit_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_hit" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "requesterId" TEXT NOT NULL,
    "hitTypeId" TEXT NOT NULL,
    "hitGroupId" TEXT NOT NULL,
    "hitLayoutId" TEXT,
    "question" TEXT NOT NULL,
    "questionKind" TEXT NOT NULL,
    "requesterAnnotation" TEXT,
    "maxAssignments" INTEGER NOT NULL,
    "underTenAtCreation" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Assignable',
    "reviewStatus" TEXT NOT NULL DEFAULT 'NotReviewed',
    "assignmentsPending" INTEGER NOT NULL DEFAULT 0,
    "assignmentsAvailable" INTEGER NOT NULL,
    "assignmentsCompleted" INTEGER NOT NULL DEFAULT 0,
    "assignmentsSubmitted" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "disposedAt" TIMESTAMP(3),
    "assignmentReviewPolicy" JSONB,
    "hitReviewPolicy" JSONB,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "keywords" TEXT,
    "rewardCents" INTEGER NOT NULL,
    "assignmentDurationSec" INTEGER NOT NULL,
    "autoApprovalDelaySec" INTEGER NOT NULL,
    "qualificationRequirements" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "mk_hit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_idempotency_token" (
    "requesterId" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "resultRef" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mk_idempotency_token_pkey" PRIMARY KEY ("requesterId","operation","token")
);

-- CreateTable
CREATE TABLE "mk_worker" (
    "id" TEXT NOT NULL,
    "accountRef" TEXT,
    "displayName" TEXT NOT NULL,
    "simulated" BOOLEAN NOT NULL DEFAULT false,
    "simulatedForRequesterId" TEXT,
    "simulationProfile" JSONB,
    "localeCountry" TEXT NOT NULL DEFAULT 'US',
    "localeSubdivision" TEXT,
    "adult" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mk_worker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_assignment" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "hitId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "acceptTime" TIMESTAMP(3) NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "submitTime" TIMESTAMP(3),
    "autoApprovalTime" TIMESTAMP(3),
    "approvalTime" TIMESTAMP(3),
    "rejectionTime" TIMESTAMP(3),
    "answer" TEXT,
    "requesterFeedback" TEXT,

    CONSTRAINT "mk_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_qualification_type" (
    "id" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "environment" "MkEnvironment" NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "keywords" TEXT,
    "status" TEXT NOT NULL,
    "retryDelaySec" INTEGER,
    "test" TEXT,
    "testDurationSec" INTEGER,
    "answerKey" TEXT,
    "autoGranted" BOOLEAN NOT NULL DEFAULT false,
    "autoGrantedValue" INTEGER NOT NULL DEFAULT 1,
    "isRequestable" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "seq" BIGSERIAL NOT NULL,

    CONSTRAINT "mk_qualification_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_qualification" (
    "qualificationTypeId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "integerValue" INTEGER,
    "localeCountry" TEXT,
    "localeSubdivision" TEXT,
    "status" TEXT NOT NULL,
    "grantTime" TIMESTAMP(3) NOT NULL,
    "revokeReason" TEXT,
    "seq" BIGSERIAL NOT NULL,

    CONSTRAINT "mk_qualification_pkey" PRIMARY KEY ("qualificationTypeId","workerId")
);

-- CreateTable
CREATE TABLE "mk_qualification_request" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "qualificationTypeId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "test" TEXT,
    "answer" TEXT,
    "status" TEXT NOT NULL DEFAULT 'Pending',
    "computedScore" INTEGER,
    "reason" TEXT,
    "submitTime" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "mk_qualification_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_worker_block" (
    "requesterId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seq" BIGSERIAL NOT NULL,

    CONSTRAINT "mk_worker_block_pkey" PRIMARY KEY ("requesterId","workerId")
);

-- CreateTable
CREATE TABLE "mk_bonus_payment" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "requesterId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "hitId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "grantTime" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mk_bonus_payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_ledger_entry" (
    "id" BIGSERIAL NOT NULL,
    "requesterId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "refId" TEXT NOT NULL,
    "workerId" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mk_ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_worker_message" (
    "id" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "mk_worker_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_review_entry" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "hitId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "entryKind" TEXT NOT NULL,
    "subjectId" TEXT,
    "subjectType" TEXT,
    "questionId" TEXT,
    "key" TEXT,
    "value" TEXT,
    "actionName" TEXT,
    "targetId" TEXT,
    "targetType" TEXT,
    "status" TEXT,
    "completeTime" TIMESTAMP(3),
    "result" TEXT,
    "errorCode" TEXT,

    CONSTRAINT "mk_review_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_event" (
    "id" BIGSERIAL NOT NULL,
    "requesterId" TEXT NOT NULL,
    "hitTypeId" TEXT,
    "eventType" TEXT NOT NULL,
    "hitId" TEXT,
    "assignmentId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "mk_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "OAuthAccount_userId_idx" ON "OAuthAccount"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OAuthAccount_provider_providerAccountId_key" ON "OAuthAccount"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Team_slug_key" ON "Team"("slug");

-- CreateIndex
CREATE INDEX "Membership_teamId_idx" ON "Membership"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_teamId_key" ON "Membership"("userId", "teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_tokenHash_key" ON "Invite"("tokenHash");

-- CreateIndex
CREATE INDEX "Invite_teamId_createdAt_idx" ON "Invite"("teamId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SetupToken_tokenHash_key" ON "SetupToken"("tokenHash");

-- CreateIndex
CREATE INDEX "LoginAttempt_key_createdAt_idx" ON "LoginAttempt"("key", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MarketplaceConnection_teamId_environment_key" ON "MarketplaceConnection"("teamId", "environment");

-- CreateIndex
CREATE INDEX "AuditLog_teamId_createdAt_idx" ON "AuditLog"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_teamId_action_createdAt_idx" ON "AuditLog"("teamId", "action", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "mk_requester_accessKeyId_key" ON "mk_requester"("accessKeyId");

-- CreateIndex
CREATE UNIQUE INDEX "mk_requester_ownerRef_environment_key" ON "mk_requester"("ownerRef", "environment");

-- CreateIndex
CREATE UNIQUE INDEX "mk_hit_type_requesterId_fingerprint_key" ON "mk_hit_type"("requesterId", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "mk_hit_seq_key" ON "mk_hit"("seq");

-- CreateIndex
CREATE INDEX "mk_hit_requesterId_seq_idx" ON "mk_hit"("requesterId", "seq");

-- CreateIndex
CREATE INDEX "mk_hit_requesterId_status_seq_idx" ON "mk_hit"("requesterId", "status", "seq");

-- CreateIndex
CREATE INDEX "mk_hit_hitTypeId_status_idx" ON "mk_hit"("hitTypeId", "status");

-- CreateIndex
CREATE INDEX "mk_hit_status_expiresAt_idx" ON "mk_hit"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "mk_worker_accountRef_key" ON "mk_worker"("accountRef");

-- CreateIndex
CREATE INDEX "mk_worker_simulatedForRequesterId_idx" ON "mk_worker"("simulatedForRequesterId");

-- CreateIndex
CREATE UNIQUE INDEX "mk_assignment_seq_key" ON "mk_assignment"("seq");

-- CreateIndex
CREATE INDEX "mk_assignment_hitId_status_seq_idx" ON "mk_assignment"("hitId", "status", "seq");

-- CreateIndex
CREATE INDEX "mk_assignment_workerId_status_idx" ON "mk_assignment"("workerId", "status");

-- CreateIndex
CREATE INDEX "mk_assignment_status_autoApprovalTime_idx" ON "mk_assignment"("status", "autoApprovalTime");

-- CreateIndex
CREATE INDEX "mk_assignment_status_deadline_idx" ON "mk_assignment"("status", "deadline");

-- CreateIndex
CREATE INDEX "mk_assignment_requesterId_workerId_idx" ON "mk_assignment"("requesterId", "workerId");

-- CreateIndex
CREATE UNIQUE INDEX "mk_qualification_type_seq_key" ON "mk_qualification_type"("seq");

-- CreateIndex
CREATE INDEX "mk_qualification_type_environment_status_seq_idx" ON "mk_qualification_type"("environment", "status", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "mk_qualification_type_requesterId_nameKey_key" ON "mk_qualification_type"("requesterId", "nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "mk_qualification_seq_key" ON "mk_qualification"("seq");

-- CreateIndex
CREATE INDEX "mk_qualification_workerId_idx" ON "mk_qualification"("workerId");

-- CreateIndex
CREATE INDEX "mk_qualification_qualificationTypeId_status_seq_idx" ON "mk_qualification"("qualificationTypeId", "status", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "mk_qualification_request_seq_key" ON "mk_qualification_request"("seq");

-- CreateIndex
CREATE INDEX "mk_qualification_request_requesterId_status_seq_idx" ON "mk_qualification_request"("requesterId", "status", "seq");

-- CreateIndex
CREATE INDEX "mk_qualification_request_qualificationTypeId_workerId_idx" ON "mk_qualification_request"("qualificationTypeId", "workerId");

-- CreateIndex
CREATE UNIQUE INDEX "mk_worker_block_seq_key" ON "mk_worker_block"("seq");

-- CreateIndex
CREATE INDEX "mk_worker_block_requesterId_seq_idx" ON "mk_worker_block"("requesterId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "mk_bonus_payment_seq_key" ON "mk_bonus_payment"("seq");

-- CreateIndex
CREATE INDEX "mk_bonus_payment_requesterId_hitId_seq_idx" ON "mk_bonus_payment"("requesterId", "hitId", "seq");

-- CreateIndex
CREATE INDEX "mk_bonus_payment_requesterId_assignmentId_seq_idx" ON "mk_bonus_payment"("requesterId", "assignmentId", "seq");

-- CreateIndex
CREATE INDEX "mk_ledger_entry_requesterId_createdAt_idx" ON "mk_ledger_entry"("requesterId", "createdAt");

-- CreateIndex
CREATE INDEX "mk_ledger_entry_workerId_idx" ON "mk_ledger_entry"("workerId");

-- CreateIndex
CREATE UNIQUE INDEX "mk_ledger_entry_requesterId_kind_refId_key" ON "mk_ledger_entry"("requesterId", "kind", "refId");

-- CreateIndex
CREATE INDEX "mk_worker_message_workerId_createdAt_idx" ON "mk_worker_message"("workerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "mk_review_entry_seq_key" ON "mk_review_entry"("seq");

-- CreateIndex
CREATE INDEX "mk_review_entry_hitId_level_seq_idx" ON "mk_review_entry"("hitId", "level", "seq");

-- CreateIndex
CREATE INDEX "mk_event_deliveredAt_id_idx" ON "mk_event"("deliveredAt", "id");

-- AddForeignKey
ALTER TABLE "OAuthAccount" ADD CONSTRAINT "OAuthAccount_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarketplaceConnection" ADD CONSTRAINT "MarketplaceConnection_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
