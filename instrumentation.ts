// Runs once when the server starts: background work that must not depend on page visits.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { recordPeerAddresses } = await import("@/lib/auth/peer-address");
  recordPeerAddresses();
  const { startMarketplaceBackground } = await import("@/lib/marketplace/background");
  startMarketplaceBackground();
  const { registerAllJobHandlers } = await import("@/lib/register-job-handlers");
  registerAllJobHandlers();
  const { startJobRunner } = await import("@/lib/jobs/background");
  startJobRunner();
  const { startSyncBackground } = await import("@/lib/sync/background");
  startSyncBackground();
  const { startWebhookDelivery } = await import("@/lib/webhooks/background");
  startWebhookDelivery();
  const { startNotificationBackground } = await import("@/lib/notifications/background");
  startNotificationBackground();
  const { startLiveRefresh } = await import("@/lib/live/refresh-on-activity");
  startLiveRefresh();
}
