-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "templateId" TEXT,
    "latestVersion" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectVersion" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "design" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Batch" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "projectId" TEXT NOT NULL,
    "projectVersionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "columns" JSONB NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "assignmentsPerRow" INTEGER NOT NULL,
    "hitsPerRow" INTEGER NOT NULL DEFAULT 1,
    "estimatedCostCents" INTEGER NOT NULL,
    "jobId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchRow" (
    "batchId" TEXT NOT NULL,
    "rowIndex" INTEGER NOT NULL,
    "values" JSONB NOT NULL,

    CONSTRAINT "BatchRow_pkey" PRIMARY KEY ("batchId","rowIndex")
);

-- CreateTable
CREATE TABLE "BatchHit" (
    "batchId" TEXT NOT NULL,
    "rowIndex" INTEGER NOT NULL,
    "part" INTEGER NOT NULL,
    "hitId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BatchHit_pkey" PRIMARY KEY ("batchId","rowIndex","part")
);

-- CreateIndex
CREATE INDEX "Project_teamId_updatedAt_idx" ON "Project"("teamId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectVersion_projectId_version_key" ON "ProjectVersion"("projectId", "version");

-- CreateIndex
CREATE INDEX "Batch_teamId_environment_createdAt_idx" ON "Batch"("teamId", "environment", "createdAt");

-- CreateIndex
CREATE INDEX "BatchHit_hitId_idx" ON "BatchHit"("hitId");
