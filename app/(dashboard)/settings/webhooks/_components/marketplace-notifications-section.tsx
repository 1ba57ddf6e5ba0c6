"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { useApiMutation } from "../../_components/use-api-mutation";

const EXAMPLE = `client.update_notification_settings(
    HITTypeId=hit_type_id,
    Notification={"Destination": "https://example.com/mturk-events", "Transport": "HTTP",
                  "Version": "2014-08-15", "EventTypes": ["AssignmentSubmitted", "HITReviewable"]},
    Active=True)`;

/** The built-in marketplace's HTTP notification destinations: how to set one, and the key that signs them. */
export function MarketplaceNotificationsSection() {
  const [secret, setSecret] = useState<string | null>(null);
  const reveal = useApiMutation<void, { secret: string }>(() => ({ path: "/api/team/webhooks/marketplace-secret", method: "POST", body: {} }));
  return (
    <Card
      className="mt-6"
      title="MTurk notifications to your own URL"
      description="HITdesk's extension of the MTurk API for the built-in marketplace: a Notification with Transport HTTP POSTs MTurk's event document to its Destination, signed like a webhook. AWS offers only SQS, SNS and e-mail."
    >
      <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 text-xs text-slate-800 ring-1 ring-slate-200">{EXAMPLE}</pre>
      <div className="mt-3 space-y-2">
        {reveal.error && <Alert tone="error">{reveal.error.message}</Alert>}
        {secret ? (
          <Input readOnly aria-label="Marketplace notification signing secret" value={secret} className="font-mono" onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <Button type="button" variant="secondary" disabled={reveal.isPending} onClick={() => reveal.mutate(undefined, { onSuccess: (r) => setSecret(r.secret) })}>
            Reveal signing secret
          </Button>
        )}
      </div>
    </Card>
  );
}
