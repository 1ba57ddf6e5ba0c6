-- AlterTable
ALTER TABLE "CachedHit" ADD COLUMN     "bonusesSyncedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncState" ADD COLUMN     "bonusesSyncedAt" TIMESTAMP(3),
ADD COLUMN     "lastSeenAt" TIMESTAMP(3),
ADD COLUMN     "qualificationRequestsSyncedAt" TIMESTAMP(3),
ADD COLUMN     "qualificationScoresSyncedAt" TIMESTAMP(3),
ADD COLUMN     "qualificationTypesSyncedAt" TIMESTAMP(3),
ADD COLUMN     "workerBlocksSyncedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CachedBonusPayment" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "bonusKey" TEXT NOT NULL,
    "hitId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "grantTime" TIMESTAMP(3) NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CachedBonusPayment_pkey" PRIMARY KEY ("teamId","environment","bonusKey")
);

-- CreateTable
CREATE TABLE "CachedWorkerBlock" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "workerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "forgottenAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CachedWorkerBlock_pkey" PRIMARY KEY ("teamId","environment","workerId")
);

-- CreateTable
CREATE TABLE "CachedQualificationType" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "qualificationTypeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "keywords" TEXT,
    "status" TEXT NOT NULL,
    "isRequestable" BOOLEAN NOT NULL,
    "autoGranted" BOOLEAN NOT NULL,
    "autoGrantedValue" INTEGER,
    "retryDelaySec" INTEGER,
    "hasTest" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "forgottenAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,
    "scoresSyncedAt" TIMESTAMP(3),

    CONSTRAINT "CachedQualificationType_pkey" PRIMARY KEY ("teamId","environment","qualificationTypeId")
);

-- CreateTable
CREATE TABLE "CachedQualificationRequest" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "qualificationRequestId" TEXT NOT NULL,
    "qualificationTypeId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "test" TEXT,
    "answer" TEXT,
    "submitTime" TIMESTAMP(3) NOT NULL,
    "forgottenAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CachedQualificationRequest_pkey" PRIMARY KEY ("teamId","environment","qualificationRequestId")
);

-- CreateTable
CREATE TABLE "CachedQualificationScore" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "qualificationTypeId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "integerValue" INTEGER,
    "localeCountry" TEXT,
    "localeSubdivision" TEXT,
    "status" TEXT NOT NULL,
    "grantTime" TIMESTAMP(3) NOT NULL,
    "forgottenAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CachedQualificationScore_pkey" PRIMARY KEY ("teamId","environment","qualificationTypeId","workerId")
);

-- CreateIndex
CREATE INDEX "CachedBonusPayment_teamId_environment_hitId_idx" ON "CachedBonusPayment"("teamId", "environment", "hitId");

-- CreateIndex
CREATE INDEX "CachedBonusPayment_teamId_environment_workerId_idx" ON "CachedBonusPayment"("teamId", "environment", "workerId");

-- CreateIndex
CREATE INDEX "CachedBonusPayment_teamId_environment_grantTime_idx" ON "CachedBonusPayment"("teamId", "environment", "grantTime");

-- CreateIndex
CREATE INDEX "CachedQualificationRequest_teamId_environment_qualification_idx" ON "CachedQualificationRequest"("teamId", "environment", "qualificationTypeId");

-- CreateIndex
CREATE INDEX "CachedQualificationScore_teamId_environment_workerId_idx" ON "CachedQualificationScore"("teamId", "environment", "workerId");

-- CreateIndex
CREATE INDEX "SyncState_lastSeenAt_idx" ON "SyncState"("lastSeenAt");
