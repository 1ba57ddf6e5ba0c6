import Link from "next/link";

/** Previous/next links that keep the filters. */
export function AuditPagination({ params, page, pageCount }: { params: URLSearchParams; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set("page", String(p));
    return `/audit${next.size ? `?${next}` : ""}`;
  };
  const link = "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50";
  const disabled = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-300 ring-1 ring-inset ring-slate-200";
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-end gap-2">
      {page > 1 ? (
        <Link href={href(page - 1)} className={link} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span className={disabled}>← Newer</span>
      )}
      {page < pageCount ? (
        <Link href={href(page + 1)} className={link} rel="next">
          Older →
        </Link>
      ) : (
        <span className={disabled}>Older →</span>
      )}
    </nav>
  );
}
