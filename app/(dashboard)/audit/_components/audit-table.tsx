import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import type { AuditRow } from "@/lib/audit-log/list-audit-log";

const utc = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19);

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  // Focusable, so keyboard users can scroll a wide log sideways.
  return (
    <div className="-mx-5 overflow-x-auto" tabIndex={0} role="region" aria-label="Audit log entries">
      <Table>
        <TableHead>
          <tr>
            <Th className="px-5 py-2 whitespace-nowrap">Time (UTC)</Th>
            <Th className="px-3 py-2">Env</Th>
            <Th className="px-3 py-2">Actor</Th>
            <Th className="px-3 py-2">Action</Th>
            <Th className="px-3 py-2">Target</Th>
            <Th className="px-5 py-2">Detail</Th>
          </tr>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row" className="align-top">
              <td className="px-5 py-2.5 font-mono text-xs whitespace-nowrap text-slate-600">{utc(r.createdAt)}</td>
              <td className="px-3 py-2.5">
                {r.environment && (
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${r.environment === "production" ? "bg-red-50 text-red-700" : "bg-slate-100 text-slate-700"}`}>{r.environment}</span>
                )}
              </td>
              <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">{r.actorEmail ?? <span className="text-slate-400">system</span>}</td>
              <td className="px-3 py-2.5 font-medium whitespace-nowrap text-slate-900">{r.action}</td>
              <td className="max-w-56 truncate px-3 py-2.5 font-mono text-xs text-slate-700" title={r.target ?? undefined}>
                {r.target}
              </td>
              <td className="max-w-xs min-w-48 px-5 py-2.5">{r.detail !== null && <code className="line-clamp-2 font-mono text-xs break-words text-slate-500">{JSON.stringify(r.detail)}</code>}</td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
