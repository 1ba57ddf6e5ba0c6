-- DropIndex
DROP INDEX "mk_qualification_type_requesterId_nameKey_idx";

-- AlterTable
ALTER TABLE "mk_qualification" ADD COLUMN     "revokeReason" TEXT;

-- AlterTable
ALTER TABLE "mk_qualification_type" ADD COLUMN     "environment" "MkEnvironment" NOT NULL,
ALTER COLUMN "requesterId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "mk_qualification_qualificationTypeId_status_seq_idx" ON "mk_qualification"("qualificationTypeId", "status", "seq");

-- CreateIndex
CREATE INDEX "mk_qualification_type_environment_status_seq_idx" ON "mk_qualification_type"("environment", "status", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "mk_qualification_type_requesterId_nameKey_key" ON "mk_qualification_type"("requesterId", "nameKey");

-- CreateIndex
CREATE INDEX "mk_worker_block_requesterId_seq_idx" ON "mk_worker_block"("requesterId", "seq");
