-- CreateIndex
CREATE INDEX "WebhookDelivery_finishedAt_idx" ON "WebhookDelivery"("finishedAt");

-- CreateIndex
CREATE INDEX "mk_notification_delivery_finishedAt_idx" ON "mk_notification_delivery"("finishedAt");
