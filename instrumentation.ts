// Runs once when the server starts: background work that must not depend on page visits.
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- set by Next itself, not configuration
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startMarketplaceBackground } = await import("@/lib/marketplace/background");
  startMarketplaceBackground();
  const { startJobRunner } = await import("@/lib/jobs/background");
  startJobRunner();
  const { startSyncBackground } = await import("@/lib/sync/background");
  startSyncBackground();
}
