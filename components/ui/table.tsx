import { IntentLink } from "@/components/ui/intent-link";
import type { HTMLAttributes, ReactNode, TableHTMLAttributes, ThHTMLAttributes } from "react";

/**
 * A data table: `<Table><TableHead><tr><Th/>…</tr></TableHead><TableBody>…</TableBody></Table>`,
 * with `<TableEmpty>` in place of a table that has no rows. `loading` marks the rows as being
 * replaced (aria-busy, dimmed) while a fetch runs, so the old rows stay readable meanwhile.
 */
export function Table({ className = "", loading = false, ...props }: TableHTMLAttributes<HTMLTableElement> & { loading?: boolean }) {
  return <table aria-busy={loading || undefined} className={`w-full text-sm transition-opacity ${loading ? "opacity-50" : ""} ${className}`} {...props} />;
}

/** The header row group; `className` replaces the default weight (font-medium) when given. */
export function TableHead({ className = "font-medium", ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={`text-left text-xs tracking-wide text-slate-500 uppercase ${className}`} {...props} />;
}

export function TableBody({ className = "", ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={`divide-y divide-slate-100 ${className}`} {...props} />;
}

/** Where a sortable column's header links to, and how the list is sorted by it now (null: not by it). */
export interface SortLink {
  href: string;
  direction: "asc" | "desc" | null;
}

/** A header cell; with `sort`, a link that sorts the server-rendered list by this column. */
export function Th({ sort, className, children, ...props }: ThHTMLAttributes<HTMLTableCellElement> & { sort?: SortLink }) {
  return (
    <th className={className} aria-sort={sort?.direction === "asc" ? "ascending" : sort?.direction === "desc" ? "descending" : undefined} {...props}>
      {sort ? (
        <IntentLink href={sort.href} className="inline-flex items-center gap-1 hover:text-slate-900">
          {children}
          {/* Only the sorting column carries an arrow: dense tables have no room for one per column. */}
          {sort.direction && (
            <span aria-hidden className="text-brand-600">
              {sort.direction === "asc" ? "▲" : "▼"}
            </span>
          )}
        </IntentLink>
      ) : (
        children
      )}
    </th>
  );
}

/** What shows instead of a table with no rows. */
export function TableEmpty({ className = "py-6", children }: { className?: string; children: ReactNode }) {
  return <p className={`text-center text-sm text-slate-500 ${className}`}>{children}</p>;
}
