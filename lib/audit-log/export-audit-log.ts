import "server-only";
import { csvRow } from "@/lib/csv/write-csv";
import type { AuditFilter } from "@/lib/audit-log/audit-filter";
import { auditLogPages } from "@/lib/audit-log/list-audit-log";

const HEADER = ["time_utc", "environment", "actor", "action", "target", "detail"];

/**
 * The matching audit rows as a CSV stream: pages of 1000 read only as fast as the client takes
 * them (pull), so a large log never sits in memory and a cancelled download stops the reads.
 */
export function auditCsvStream(teamId: string, filter: AuditFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = auditLogPages(teamId, filter);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow(HEADER)));
        return;
      }
      const next = await pages.next();
      if (next.done) {
        controller.close();
        return;
      }
      const text = next.value.map((r) => csvRow([r.createdAt.toISOString(), r.environment, r.actorEmail, r.action, r.target, r.detail === null ? null : JSON.stringify(r.detail)])).join("");
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
