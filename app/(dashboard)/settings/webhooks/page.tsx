import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/require-team";
import type { TeamContext } from "@/lib/auth/session";
import { listNotificationDeliveries } from "@/lib/marketplace/admin";
import { connectionSummaries } from "@/lib/mturk/connections";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { MarketplaceDeliveries } from "./_components/marketplace-deliveries";
import { MarketplaceNotificationsSection } from "./_components/marketplace-notifications-section";
import { WebhooksSection } from "./_components/webhooks-section";

export const metadata: Metadata = { title: "Webhooks" };

const needsAdmin = (ctx: TeamContext) => (
  <>
    <PageHeader title="Webhooks" />
    <Alert tone="warning">
      Webhooks need the admin role. You are a {ctx.role} in {ctx.team.name}; ask an admin or owner if you need one.
    </Alert>
  </>
);

async function WebhooksPage(_props: object, ctx: TeamContext) {
  const [endpoints, connections] = await Promise.all([listWebhookEndpoints({ teamId: ctx.team.id, environment: ctx.environment }), connectionSummaries(ctx.team.id)]);
  const builtin = connections.find((c) => c.environment === ctx.environment)?.kind === "builtin";
  const marketplaceDeliveries = builtin ? await listNotificationDeliveries(ctx.team.id, ctx.environment, 20) : null;
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={`Signed HTTP POSTs to your own receivers when something happens in ${ctx.team.name}'s ${ctx.environment === "production" ? "Production" : "Sandbox"} account.`}
      />
      <p className="mb-4 text-sm">
        <Link href="/settings" className="text-brand-700 hover:underline">
          ← Settings
        </Link>
      </p>
      <WebhooksSection endpoints={endpoints} environment={ctx.environment} />
      {builtin && <MarketplaceNotificationsSection />}
      {builtin && marketplaceDeliveries && <MarketplaceDeliveries deliveries={marketplaceDeliveries} />}
    </>
  );
}

export default requireTeam("admin", WebhooksPage, { refused: needsAdmin });
