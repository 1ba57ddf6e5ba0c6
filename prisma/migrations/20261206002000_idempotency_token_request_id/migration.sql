-- AlterTable
ALTER TABLE "mk_idempotency_token" ADD COLUMN     "requestId" TEXT;
