import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/require-team";
import type { TeamContext } from "@/lib/auth/session";
import { mailConfigured } from "@/lib/mail";
import { notificationPreferences } from "@/lib/notifications/member-notifications";
import { NotificationPreferencesForm } from "./_components/notification-preferences-form";

export const metadata: Metadata = { title: "Notifications" };

async function NotificationsPage(_props: object, ctx: TeamContext) {
  const preferences = await notificationPreferences(ctx);
  return (
    <>
      <PageHeader
        title="Notifications"
        description={`What you hear about in ${ctx.team.name}, in the bell at the top and by e-mail to ${ctx.user.email}. Your choices; other members make their own.`}
      />
      <p className="mb-4 text-sm">
        <Link href="/settings" className="text-brand-700 hover:underline">
          ← Settings
        </Link>
      </p>
      <NotificationPreferencesForm preferences={preferences} mail={mailConfigured()} />
    </>
  );
}

export default requireTeam("viewer", NotificationsPage);
