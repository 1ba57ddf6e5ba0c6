import { Card } from "@/components/ui/card";
import { Table, TableBody, TableEmpty, TableHead, Th } from "@/components/ui/table";
import { shortTime } from "@/lib/format";
import type { NotificationDeliverySummary } from "@/lib/marketplace/admin";

const STATUS_STYLE: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-800",
  pending: "bg-amber-100 text-amber-800",
  failed: "bg-red-100 text-red-800",
};

/** The built-in marketplace's latest messages to HTTP notification destinations, as its control plane lists them. */
export function MarketplaceDeliveries({ deliveries }: { deliveries: NotificationDeliverySummary[] }) {
  return (
    <Card
      className="mt-6"
      title="Built-in marketplace notifications (HTTP destinations)"
      description="The latest messages the built-in marketplace sent to the HTTP destinations of your HIT types (UTC). Reload to see new ones."
    >
      {deliveries.length === 0 ? (
        <TableEmpty>No HTTP notifications sent yet.</TableEmpty>
      ) : (
        <Table aria-label="HTTP notification deliveries">
          <TableHead>
            <tr>
              <Th className="py-2">Event</Th>
              <Th className="py-2">Destination</Th>
              <Th className="py-2">Status</Th>
              <Th className="py-2">Attempts</Th>
              <Th className="py-2">Last answer</Th>
            </tr>
          </TableHead>
          <TableBody>
            {deliveries.map((d) => (
              <tr key={d.id} data-testid="marketplace-delivery" className="align-top">
                <td className="py-2">
                  <div className="font-mono text-xs text-slate-900">{d.eventType}</div>
                  <div className="text-xs text-slate-500">{shortTime(d.createdAt)}</div>
                </td>
                <td className="max-w-xs truncate py-2 font-mono text-xs text-slate-700" title={d.destination}>
                  {d.destination}
                </td>
                <td className="py-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[d.status] ?? ""}`}>{d.status === "pending" && d.attempts > 0 ? "retrying" : d.status}</span>
                  {d.nextAttemptAt && d.attempts > 0 && <div className="mt-1 text-xs text-slate-500">next try {shortTime(d.nextAttemptAt)}</div>}
                  {d.finishedAt && <div className="mt-1 text-xs text-slate-500">{shortTime(d.finishedAt)}</div>}
                </td>
                <td className="py-2 text-xs text-slate-700 tabular-nums">{d.attempts}</td>
                <td className="py-2 text-xs text-slate-700">{d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? "—")}</td>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
