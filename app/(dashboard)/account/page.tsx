import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/require-team";
import { signOutEverywhereAction } from "./actions";
import { ChangePasswordForm } from "./_components/change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default requireTeam("viewer", function AccountPage(_props: object, { user }) {
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${user.email}.`} />
      <div className="space-y-6">
        <Card title="Password" description="Changing it signs you out on every other browser; this one stays signed in.">
          <ChangePasswordForm email={user.email} />
        </Card>
        <Card title="Sessions" description="Signing out ends this browser's session on the server: a copy of its cookie stops working too.">
          <form action={signOutEverywhereAction} className="flex flex-wrap items-center gap-4">
            <p className="text-sm text-slate-600">Lost a laptop, or signed in on a shared computer? End every session of yours, including this one.</p>
            <Button type="submit" variant="danger">
              Sign out everywhere
            </Button>
          </form>
        </Card>
      </div>
    </>
  );
});
