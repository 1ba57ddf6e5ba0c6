-- CreateTable
CREATE TABLE "WorkerStat" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "workerId" TEXT NOT NULL,
    "submitted" INTEGER NOT NULL,
    "approved" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "approvalRate" DOUBLE PRECISION NOT NULL,
    "earningsCents" INTEGER NOT NULL,
    "bonusCents" INTEGER NOT NULL,
    "medianSeconds" INTEGER,
    "hourlyCents" INTEGER,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkerStat_pkey" PRIMARY KEY ("teamId","environment","workerId")
);

-- CreateTable
CREATE TABLE "WorkerStatBuild" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL,
    "syncMark" TIMESTAMP(3),

    CONSTRAINT "WorkerStatBuild_pkey" PRIMARY KEY ("teamId","environment")
);

-- CreateTable
CREATE TABLE "WorkerMessage" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "workerIds" TEXT[],
    "failures" JSONB NOT NULL DEFAULT '[]',
    "sentById" TEXT NOT NULL,
    "sentByEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkerMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkerStat_teamId_environment_lastSeenAt_idx" ON "WorkerStat"("teamId", "environment", "lastSeenAt");

-- CreateIndex
CREATE INDEX "WorkerMessage_teamId_environment_createdAt_idx" ON "WorkerMessage"("teamId", "environment", "createdAt");
