import { IntentLink } from "@/components/ui/intent-link";
import { Card } from "@/components/ui/card";
import type { NeedsAttention } from "@/lib/overview/team-overview";
import { plural } from "@/lib/format";

type Item = { key: string; text: string; href: string; urgent?: boolean };

function items(a: NeedsAttention): Item[] {
  const out: Item[] = [];
  if (a.submitted > 0) out.push({ key: "submitted", text: `${plural(a.submitted, "assignment")} waiting for review`, href: "/review" });
  if (a.autoApproveWithin6h > 0) out.push({ key: "due6", text: `${plural(a.autoApproveWithin6h, "assignment")} approve on their own within 6 h`, href: "/review?dueWithinHours=6", urgent: true });
  if (a.autoApproveWithin24h > a.autoApproveWithin6h)
    out.push({ key: "due24", text: `${plural(a.autoApproveWithin24h, "assignment")} approve on their own within 24 h`, href: "/review?dueWithinHours=24" });
  if (a.qualificationRequests > 0) out.push({ key: "requests", text: `${plural(a.qualificationRequests, "qualification request")} waiting`, href: "/qualifications" });
  for (const b of a.stoppedBatches)
    out.push({ key: `batch-${b.id}`, text: `Batch “${b.name}” ${b.status === "paused" ? "is paused" : "failed"}`, href: `/batches/${b.id}`, urgent: b.status === "failed" });
  if (a.expiringHits > 0) out.push({ key: "expiring", text: `${plural(a.expiringHits, "HIT")} expire within 24 h with work nobody has taken`, href: "/hits?status=Assignable&sort=expires&dir=asc" });
  return out;
}

/** The overview's first card: what to act on now, each with the page that does it. */
export function NeedsAttentionCard({ attention }: { attention: NeedsAttention }) {
  const list = items(attention);
  return (
    <Card title="Needs attention" className="lg:col-span-2">
      {list.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="needs-attention">
          Nothing needs you right now. New submissions and requests show up here.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="needs-attention">
          {list.map((i) => (
            <li key={i.key}>
              <IntentLink href={i.href} className="flex items-center justify-between gap-4 py-2.5 text-sm hover:text-brand-700">
                <span className="flex items-center gap-2">
                  <span aria-hidden className={`h-2 w-2 rounded-full ${i.urgent ? "bg-red-500" : "bg-amber-400"}`} />
                  {i.text}
                </span>
                <span aria-hidden className="text-slate-400">
                  →
                </span>
              </IntentLink>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
