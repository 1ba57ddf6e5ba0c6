"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { WebhookDeliveryView } from "@/lib/webhooks/endpoints";

/** An endpoint's delivery log, polled while open: retries and answers show up as they happen. */
export function useWebhookDeliveries(endpointId: string, open: boolean) {
  return useQuery({
    queryKey: ["webhook-deliveries", endpointId],
    queryFn: () => apiFetch<WebhookDeliveryView[]>(`/api/team/webhooks/${endpointId}/deliveries`),
    enabled: open,
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === "pending") ? 1_000 : 5_000),
  });
}
