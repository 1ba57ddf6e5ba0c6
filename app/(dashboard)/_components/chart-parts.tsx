import type { ReactNode } from "react";

/**
 * Pieces the overview's charts share: a panel with its headline figure, the fills (colour plus
 * a pattern, so series part without colour), and the figures as a table for screen readers and
 * anyone who wants the numbers.
 */

export const CHART_COLORS = { brand: "#1f5ad6", bonus: "#b45309", fee: "#64748b", grid: "#e2e8f0", axis: "#64748b" } as const;

/** SVG patterns referenced by id from any chart on the page (`fill="url(#…)"`). */
export function ChartPatterns({ ids }: { ids: { stripes: string; dots: string } }) {
  return (
    <svg aria-hidden width="0" height="0" className="absolute">
      <defs>
        <pattern id={ids.stripes} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={CHART_COLORS.bonus} />
          <rect width="2" height="6" fill="#fff" opacity="0.75" />
        </pattern>
        <pattern id={ids.dots} width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" fill={CHART_COLORS.fee} />
          <circle cx="2.5" cy="2.5" r="1.1" fill="#fff" opacity="0.8" />
        </pattern>
      </defs>
    </svg>
  );
}

/** A legend entry: the series' own fill, so the pattern names it. */
export function LegendSwatch({ fill, label }: { fill: string; label: string }) {
  return (
    <li className="flex items-center gap-1.5">
      <svg aria-hidden width="14" height="14" className="rounded-sm">
        <rect width="14" height="14" fill={fill} />
      </svg>
      {label}
    </li>
  );
}

export function ChartPanel({
  title,
  figure,
  detail,
  legend,
  children,
  table,
  testId,
}: {
  title: string;
  figure?: ReactNode;
  detail?: ReactNode;
  legend?: ReactNode;
  children: ReactNode;
  table?: ReactNode;
  testId: string;
}) {
  return (
    <section className="min-w-0" data-testid={testId} aria-label={title}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 className="text-sm font-medium text-slate-600">{title}</h3>
        {legend && <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">{legend}</ul>}
      </div>
      {figure !== undefined && (
        <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">
          <span>{figure}</span>
          {detail && <span className="ml-2 text-sm font-normal text-slate-500">{detail}</span>}
        </p>
      )}
      <div className="mt-3">{children}</div>
      {table && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-xs font-medium text-brand-600 hover:underline">Show as table</summary>
          <div className="mt-2 max-h-72 overflow-auto rounded-md ring-1 ring-slate-200">{table}</div>
        </details>
      )}
    </section>
  );
}

/** What a chart shows before there is anything to draw. */
export function ChartEmpty({ children }: { children: ReactNode }) {
  return (
    <div className="flex h-48 items-center justify-center rounded-lg border border-dashed border-slate-200 bg-slate-50/60 px-6 text-center text-sm text-slate-500">
      <p className="max-w-md">{children}</p>
    </div>
  );
}
