-- AlterTable
ALTER TABLE "mk_requester" ADD COLUMN     "notificationSecretCiphertext" TEXT;

-- CreateTable
CREATE TABLE "mk_notification_delivery" (
    "id" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "eventDocId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "mk_notification_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mk_notification_delivery_eventDocId_key" ON "mk_notification_delivery"("eventDocId");

-- CreateIndex
CREATE INDEX "mk_notification_delivery_status_nextAttemptAt_idx" ON "mk_notification_delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "mk_notification_delivery_requesterId_createdAt_idx" ON "mk_notification_delivery"("requesterId", "createdAt");
