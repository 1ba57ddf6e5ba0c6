import "server-only";
import { csvRow } from "@/lib/csv/write-csv";
import type { Scope } from "@/lib/scope";
import { listWorkers } from "@/lib/workers/list-workers";
import type { WorkersQuery } from "@/lib/workers/workers-query";

const CHUNK = 2000;
const HEADER = ["WorkerId", "Submitted", "Approved", "Rejected", "ApprovalRate", "Earnings", "Bonuses", "MedianSeconds", "HourlyPay", "FirstSeen", "LastSeen", "Blocked", "QualificationsHeld"];

const dollars = (cents: number | null) => (cents === null ? null : (cents / 100).toFixed(2));

/** Every worker matching the filters, in the page's order, streamed in chunks. */
export function workersCsvStream(scope: Scope, query: WorkersQuery): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let skip = 0;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(HEADER)));
    },
    async pull(controller) {
      const { rows } = await listWorkers(scope, query, { take: CHUNK, skip });
      skip += rows.length;
      const lines = rows.map((r) =>
        csvRow([
          r.workerId,
          r.submitted,
          r.approved,
          r.rejected,
          r.approvalRate.toFixed(1),
          dollars(r.earningsCents),
          dollars(r.bonusCents),
          r.medianSeconds,
          dollars(r.hourlyCents),
          r.firstSeenAt,
          r.lastSeenAt,
          r.blocked ? "yes" : "no",
          r.qualifications,
        ]),
      );
      if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
      if (rows.length < CHUNK) controller.close();
    },
  });
}
