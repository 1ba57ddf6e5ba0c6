"use client";

import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";
import { IntentLink } from "@/components/ui/intent-link";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { approvalPercent, dollars, localBucketLabel, count } from "@/lib/format";
import { CHART_RANGES, type ActivityCharts, type ChartRange } from "@/lib/overview/activity-charts-input";
import { CHART_COLORS, ChartEmpty, ChartPanel, ChartPatterns, LegendSwatch } from "./chart-parts";
import { useActivityCharts } from "./use-activity-charts";

const AXIS = { fontSize: 11, fill: CHART_COLORS.axis } as const;

/** Submissions, spend and approval over the last 7 or 30 days, in the viewer's time zone. */
export function ActivityCard({ environment }: { environment: string }) {
  const [days, setDays] = useState<ChartRange>(7);
  const charts = useActivityCharts(days);
  const patternIds = { stripes: useId(), dots: useId() };
  return (
    <Card
      title="Activity"
      description={charts.data ? `Last ${days} days in ${environment}, in your time zone (${charts.data.timeZone}).` : `Last ${days} days in ${environment}.`}
      className="lg:col-span-3"
      actions={
        <div role="group" aria-label="Range" className="inline-flex shrink-0 rounded-md bg-slate-100 p-0.5 text-sm">
          {CHART_RANGES.map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={days === d}
              onClick={() => setDays(d)}
              className={`rounded px-3 py-1 font-medium ${days === d ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900"}`}
            >
              {d} days
            </button>
          ))}
        </div>
      }
    >
      <ChartPatterns ids={patternIds} />
      {charts.data && nothingYet(charts.data) ? (
        <div data-testid="activity-empty" className={charts.isPlaceholderData ? "opacity-60" : ""}>
          <ChartEmpty>
            No work submitted in the last {days} days. Once workers take your HITs, this shows submissions per hour, spend per day and each project&apos;s approval rate.{" "}
            <IntentLink href="/projects" className="font-medium text-brand-600 hover:underline">
              Publish a batch →
            </IntentLink>
          </ChartEmpty>
        </div>
      ) : charts.data ? (
        <div aria-busy={charts.isFetching} className={`grid gap-x-10 gap-y-8 transition-opacity lg:grid-cols-2 ${charts.isPlaceholderData ? "opacity-60" : ""}`}>
          <div className="lg:col-span-2">
            <SubmissionsChart data={charts.data} />
          </div>
          <SpendChart data={charts.data} patternIds={patternIds} />
          <ApprovalChart data={charts.data} />
        </div>
      ) : charts.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the charts: {charts.error.message}
        </p>
      ) : (
        <div className="grid gap-8 lg:grid-cols-2" aria-busy>
          <div className="h-48 animate-pulse rounded-lg bg-slate-100 lg:col-span-2" />
          <div className="h-48 animate-pulse rounded-lg bg-slate-100" />
          <div className="h-48 animate-pulse rounded-lg bg-slate-100" />
        </div>
      )}
    </Card>
  );
}

const nothingYet = (d: ActivityCharts) => d.approvalByProject.length === 0 && d.spendPerDay.every((s) => s.rewardsCents + s.bonusesCents === 0);

function SubmissionsChart({ data }: { data: ActivityCharts }) {
  const rows = data.submissionsPerHour;
  const total = rows.reduce((s, r) => s + r.submissions, 0);
  const busiest = rows.reduce((best, r) => (r.submissions > best.submissions ? r : best), rows[0]!);
  // One tick a day for a week, one every five days for a month.
  const step = data.days === 7 ? 1 : 5;
  const ticks = rows
    .filter((r) => r.hour.endsWith("T00:00"))
    .filter((_, i) => i % step === 0)
    .map((r) => r.hour);
  const hoursWithWork = rows.filter((r) => r.submissions > 0);
  return (
    <ChartPanel
      testId="chart-submissions"
      title="Submissions per hour"
      figure={count(total)}
      detail={total > 0 ? `submissions · busiest hour ${localBucketLabel(busiest.hour, "hour")} (${count(busiest.submissions)})` : "submissions"}
      table={
        total > 0 && (
          <Table>
            <caption className="sr-only">Submissions per hour, hours with at least one submission</caption>
            <TableHead className="sticky top-0 bg-slate-50">
              <tr>
                <Th className="px-3 py-2">Hour starting</Th>
                <Th className="px-3 py-2 text-right">Submissions</Th>
              </tr>
            </TableHead>
            <TableBody>
              {hoursWithWork.map((r) => (
                <tr key={r.hour}>
                  <td className="px-3 py-1.5">{localBucketLabel(r.hour, "hour")}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{count(r.submissions)}</td>
                </tr>
              ))}
            </TableBody>
          </Table>
        )
      }
    >
      {total === 0 ? (
        <ChartEmpty>
          No work submitted in the last {data.days} days. Submissions show here hour by hour once workers take your HITs.{" "}
          <IntentLink href="/projects" className="font-medium text-brand-600 hover:underline">
            Publish a batch →
          </IntentLink>
        </ChartEmpty>
      ) : (
        // Charts are hidden from assistive technology (the figures are given as text); recharts'
        // keyboard layer (accessibilityLayer) is off so no focus stop hides inside them.
        <div className="h-48" aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={rows} margin={{ top: 4, right: 4, bottom: 0, left: -16 }} barCategoryGap={data.days === 7 ? 1 : 0}>
              <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
              <XAxis
                dataKey="hour"
                ticks={ticks}
                tickFormatter={(h: string) => localBucketLabel(h.slice(0, 10), "day")}
                tick={AXIS}
                tickLine={false}
                axisLine={{ stroke: CHART_COLORS.grid }}
                interval={0}
              />
              <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} width={48} />
              <Tooltip cursor={{ fill: "#f1f5f9" }} labelFormatter={(h) => localBucketLabel(h as string, "hour")} formatter={(v) => [count(Number(v)), "Submissions"]} />
              <Bar dataKey="submissions" fill={CHART_COLORS.brand} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartPanel>
  );
}

function SpendChart({ data, patternIds }: { data: ActivityCharts; patternIds: { stripes: string; dots: string } }) {
  const rows = data.spendPerDay.map((d) => ({ ...d, totalCents: d.rewardsCents + d.bonusesCents + d.feesCents }));
  const sum = (key: "rewardsCents" | "bonusesCents" | "feesCents" | "totalCents") => rows.reduce((s, r) => s + r[key], 0);
  const total = sum("totalCents");
  const fills = { rewards: CHART_COLORS.brand, bonuses: `url(#${patternIds.stripes})`, fees: `url(#${patternIds.dots})` };
  return (
    <ChartPanel
      testId="chart-spend"
      title="Spend per day"
      figure={dollars(total)}
      detail={`rewards ${dollars(sum("rewardsCents"))} · bonuses ${dollars(sum("bonusesCents"))} · fees ${dollars(sum("feesCents"))}`}
      legend={
        total > 0 && (
          <>
            <LegendSwatch fill={fills.rewards} label="Rewards" />
            <LegendSwatch fill={fills.bonuses} label="Bonuses" />
            <LegendSwatch fill={fills.fees} label="Fees" />
          </>
        )
      }
      table={
        total > 0 && (
          <Table>
            <caption className="sr-only">Spend per day: rewards of approved work, bonuses, and the marketplace&apos;s fees on both</caption>
            <TableHead className="sticky top-0 bg-slate-50">
              <tr>
                <Th className="px-3 py-2">Day</Th>
                <Th className="px-3 py-2 text-right">Rewards</Th>
                <Th className="px-3 py-2 text-right">Bonuses</Th>
                <Th className="px-3 py-2 text-right">Fees</Th>
                <Th className="px-3 py-2 text-right">Total</Th>
              </tr>
            </TableHead>
            <TableBody className="tabular-nums">
              {rows.map((r) => (
                <tr key={r.day}>
                  <td className="px-3 py-1.5">{localBucketLabel(r.day, "day")}</td>
                  <td className="px-3 py-1.5 text-right">{dollars(r.rewardsCents)}</td>
                  <td className="px-3 py-1.5 text-right">{dollars(r.bonusesCents)}</td>
                  <td className="px-3 py-1.5 text-right">{dollars(r.feesCents)}</td>
                  <td className="px-3 py-1.5 text-right font-medium">{dollars(r.totalCents)}</td>
                </tr>
              ))}
            </TableBody>
          </Table>
        )
      }
    >
      {total === 0 ? (
        <ChartEmpty>Nothing paid in the last {data.days} days. Rewards of approved work, bonuses and their fees show here by day.</ChartEmpty>
      ) : (
        <div className="h-56" aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={rows} margin={{ top: 18, right: 4, bottom: 0, left: 0 }} barCategoryGap={data.days === 7 ? "25%" : 2}>
              <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
              <XAxis
                dataKey="day"
                tickFormatter={(d: string) => localBucketLabel(d, "day").replace(/^\w+,? /, "")}
                tick={AXIS}
                tickLine={false}
                axisLine={{ stroke: CHART_COLORS.grid }}
                minTickGap={12}
              />
              <YAxis tickFormatter={(c: number) => dollars(c)} tick={AXIS} tickLine={false} axisLine={false} width={56} />
              <Tooltip cursor={{ fill: "#f1f5f9" }} labelFormatter={(d) => localBucketLabel(d as string, "day")} formatter={(v, name) => [dollars(Number(v)), String(name)]} />
              <Bar dataKey="rewardsCents" name="Rewards" stackId="spend" fill={fills.rewards} stroke="#fff" strokeWidth={0.5} isAnimationActive={false} />
              <Bar dataKey="bonusesCents" name="Bonuses" stackId="spend" fill={fills.bonuses} stroke="#fff" strokeWidth={0.5} isAnimationActive={false} />
              <Bar dataKey="feesCents" name="Fees" stackId="spend" fill={fills.fees} stroke="#fff" strokeWidth={0.5} isAnimationActive={false}>
                {data.days === 7 && <LabelList dataKey="totalCents" position="top" formatter={(c) => (Number(c) > 0 ? dollars(Number(c)) : "")} style={{ fontSize: 11, fill: "#334155" }} />}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartPanel>
  );
}

function ApprovalChart({ data }: { data: ActivityCharts }) {
  const rows = data.approvalByProject.map((p) => ({ ...p, decided: p.approved + p.rejected, percent: p.approved + p.rejected > 0 ? (p.approved / (p.approved + p.rejected)) * 100 : 0 }));
  const approved = rows.reduce((s, r) => s + r.approved, 0);
  const rejected = rows.reduce((s, r) => s + r.rejected, 0);
  const label = (r: (typeof rows)[number]) => (r.decided > 0 ? `${approvalPercent(r.approved, r.rejected)} of ${count(r.decided)}` : `${count(r.pending)} waiting`);
  return (
    <ChartPanel
      testId="chart-approval"
      title="Approval rate by project"
      figure={approvalPercent(approved, rejected)}
      detail={rows.length > 0 ? `approved of ${count(approved + rejected)} decided` : undefined}
      table={
        rows.length > 0 && (
          <Table>
            <caption className="sr-only">Approval rate by project, of work submitted in the range</caption>
            <TableHead className="sticky top-0 bg-slate-50">
              <tr>
                <Th className="px-3 py-2">Project</Th>
                <Th className="px-2 py-2 text-right">Approved</Th>
                <Th className="px-2 py-2 text-right">Rejected</Th>
                <Th className="px-2 py-2 text-right">Waiting</Th>
                <Th className="px-3 py-2 text-right">Rate</Th>
              </tr>
            </TableHead>
            <TableBody className="tabular-nums">
              {rows.map((r) => (
                <tr key={r.projectId ?? "none"}>
                  <td className="px-3 py-1.5">{r.name}</td>
                  <td className="px-2 py-1.5 text-right">{count(r.approved)}</td>
                  <td className="px-2 py-1.5 text-right">{count(r.rejected)}</td>
                  <td className="px-2 py-1.5 text-right">{count(r.pending)}</td>
                  <td className="px-3 py-1.5 text-right font-medium">{approvalPercent(r.approved, r.rejected)}</td>
                </tr>
              ))}
            </TableBody>
          </Table>
        )
      }
    >
      {rows.length === 0 ? (
        <ChartEmpty>No work submitted in the last {data.days} days. Each project&apos;s share of approved work shows here once you review.</ChartEmpty>
      ) : (
        <div style={{ height: rows.length * 34 + 8 }} aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 0, right: 112, bottom: 0, left: 0 }} barCategoryGap={8}>
              <XAxis type="number" domain={[0, 100]} hide />
              <YAxis
                type="category"
                dataKey="name"
                width={150}
                tick={{ ...AXIS, fill: "#334155", fontSize: 12 }}
                tickLine={false}
                axisLine={false}
                tickFormatter={(n: string) => (n.length > 22 ? `${n.slice(0, 21)}…` : n)}
              />
              <Bar dataKey="percent" fill={CHART_COLORS.brand} background={{ fill: "#f1f5f9" }} radius={[0, 3, 3, 0]} isAnimationActive={false}>
                <LabelList content={(props) => <ApprovalLabel y={props.y} height={props.height} text={label(rows[Number(props.index)]!)} />} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartPanel>
  );
}

/** The rate and its base, written past the bar's full-width background, so it is read, not guessed from a length. */
function ApprovalLabel({ y, height, text }: { y?: number | string; height?: number | string; text: string }) {
  return (
    <text x="100%" y={Number(y) + Number(height) / 2} dx={-4} textAnchor="end" dominantBaseline="central" fontSize={12} fill="#334155">
      {text}
    </text>
  );
}
