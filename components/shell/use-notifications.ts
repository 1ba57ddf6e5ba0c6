"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { MarkNotificationsReadInput, NotificationList } from "@/lib/notifications/notification-types";

/** The live stream invalidates this key when a notification arrives (components/live/live-updates.tsx). */
export const NOTIFICATIONS_KEY = ["notifications"] as const;

/**
 * The bell's unread count and recent notifications; pushed by the live stream, re-read every
 * minute besides. The layout renders the first reading (`initial`): a page load asks for none.
 */
export function useNotifications(environment: string, initial: { list: NotificationList; readAt: number }) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, environment],
    queryFn: () => apiFetch<NotificationList>("/api/notifications"),
    initialData: initial.list,
    initialDataUpdatedAt: initial.readAt,
    refetchInterval: 60_000,
  });
}

export function useMarkNotificationsRead(environment: string) {
  const client = useQueryClient();
  const key = [...NOTIFICATIONS_KEY, environment];
  return useMutation({
    mutationFn: (input: MarkNotificationsReadInput) => apiFetch<{ marked: number }>("/api/notifications/read", { body: input }),
    // Shown read at once; the refetch afterwards brings the server's count.
    onMutate: (input) => {
      client.setQueryData<NotificationList>(key, (list) => {
        if (!list) return list;
        const marks = (id: string) => "all" in input || input.ids.includes(id);
        const notifications = list.notifications.map((n) => (marks(n.id) ? { ...n, read: true } : n));
        const newlyRead = list.notifications.filter((n) => !n.read && marks(n.id)).length;
        return { unread: "all" in input ? 0 : Math.max(0, list.unread - newlyRead), notifications };
      });
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}
