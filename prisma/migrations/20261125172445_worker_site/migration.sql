-- AlterTable
ALTER TABLE "mk_requester" ADD COLUMN     "openWorkforce" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "mk_worker_account" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mk_worker_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_workforce_member" (
    "requesterId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mk_workforce_member_pkey" PRIMARY KEY ("requesterId","workerId")
);

-- CreateTable
CREATE TABLE "mk_worker_invite" (
    "id" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT,
    "maxUses" INTEGER,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mk_worker_invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_simulated_workforce" (
    "requesterId" TEXT NOT NULL,
    "workers" INTEGER NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "seed" INTEGER NOT NULL,
    "paceMs" INTEGER NOT NULL DEFAULT 2000,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mk_simulated_workforce_pkey" PRIMARY KEY ("requesterId")
);

-- CreateTable
CREATE TABLE "mk_simulated_task" (
    "assignmentId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mk_simulated_task_pkey" PRIMARY KEY ("assignmentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "mk_worker_account_email_key" ON "mk_worker_account"("email");

-- CreateIndex
CREATE INDEX "mk_workforce_member_workerId_idx" ON "mk_workforce_member"("workerId");

-- CreateIndex
CREATE UNIQUE INDEX "mk_worker_invite_tokenHash_key" ON "mk_worker_invite"("tokenHash");

-- CreateIndex
CREATE INDEX "mk_worker_invite_requesterId_createdAt_idx" ON "mk_worker_invite"("requesterId", "createdAt");

-- CreateIndex
CREATE INDEX "mk_simulated_task_requesterId_dueAt_idx" ON "mk_simulated_task"("requesterId", "dueAt");
