"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { ActivityCharts, ChartRange } from "@/lib/overview/activity-charts-input";

/** The overview's charts, bucketed in the browser's time zone; the last range stays drawn while another loads. */
export function useActivityCharts(days: ChartRange) {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return useQuery({
    queryKey: ["overview-charts", days, timeZone],
    queryFn: () => apiFetch<ActivityCharts>(`/api/overview/charts?days=${days}&timeZone=${encodeURIComponent(timeZone)}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5 * 60_000,
  });
}
