import { recordAudit } from "@/lib/audit";
import { AuditFilter } from "@/lib/audit-log/audit-filter";
import { auditCsvStream } from "@/lib/audit-log/export-audit-log";
import { withTeam } from "@/lib/auth/guard";

// The log names members and what they did to workers and money: admins and owners only.
export const GET = withTeam({ role: "admin", input: AuditFilter }, async ({ ctx, input }) => {
  await recordAudit(ctx, "audit.export", undefined, input);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(auditCsvStream(ctx.team.id, input), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${ctx.team.slug}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});
