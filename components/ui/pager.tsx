import type { ReactNode } from "react";
import { IntentLink } from "@/components/ui/intent-link";

const LINK = "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50";
const UNAVAILABLE = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-300 ring-1 ring-inset ring-slate-200";

interface PagerLabels {
  first?: string;
  previous: string;
  next: string;
  last?: string;
}

/**
 * Links to the neighbouring pages of a list paginated on the server; the hrefs keep the filters
 * (and a keyset cursor or a page number) in the URL, so a page can be shared and reloaded. A
 * missing href shows its link as unavailable; first and last appear only when given. Renders
 * nothing when there is no other page unless there is a `summary` ("1–50 of 52 HITs") to show.
 */
export function Pager({
  previousHref,
  nextHref,
  firstHref,
  lastHref,
  summary,
  labels = { first: "First", previous: "Previous", next: "Next", last: "Last" },
  className = "mt-4",
}: {
  previousHref?: string;
  nextHref?: string;
  firstHref?: string;
  lastHref?: string;
  summary?: ReactNode;
  labels?: PagerLabels;
  className?: string;
}) {
  const paged = previousHref !== undefined || nextHref !== undefined;
  // First and last lead somewhere only from a page that has a previous or next one.
  const ends = firstHref !== undefined || lastHref !== undefined;
  if (!paged && summary === undefined) return null;
  const link = (href: string | undefined, label: string | undefined, rel?: string) =>
    label === undefined ? null : href === undefined ? (
      <span className={UNAVAILABLE}>{label}</span>
    ) : (
      <IntentLink href={href} className={LINK} rel={rel}>
        {label}
      </IntentLink>
    );
  return (
    <nav aria-label="Pages" className={`flex items-center gap-2 ${summary === undefined ? "justify-end" : "justify-between"} ${className}`}>
      {summary !== undefined && <span className="text-sm text-slate-600">{summary}</span>}
      {paged && (
        <span className="flex gap-2">
          {ends && link(previousHref && firstHref, labels.first)}
          {link(previousHref, labels.previous, "prev")}
          {link(nextHref, labels.next, "next")}
          {ends && link(nextHref && lastHref, labels.last)}
        </span>
      )}
    </nav>
  );
}
