import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/require-team";
import type { TeamContext } from "@/lib/auth/session";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";
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
  const endpoints = await listWebhookEndpoints({ teamId: ctx.team.id, environment: ctx.environment });
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
    </>
  );
}

export default requireTeam("admin", WebhooksPage, { refused: needsAdmin });
