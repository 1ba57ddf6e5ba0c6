"use client";

import { useEffect, useId, useRef, useState } from "react";
import { IntentLink } from "@/components/ui/intent-link";
import { timeAgo } from "@/lib/format";
import type { NotificationList } from "@/lib/notifications/notification-types";
import { useMarkNotificationsRead, useNotifications } from "./use-notifications";

/**
 * The header's bell: the unread count, and a panel of recent notifications, each a link to
 * where to act on it (following one marks it read). The panel is a non-modal popover: Escape
 * or a click elsewhere closes it and focus returns to the bell.
 */
export function NotificationBell({ environment, initial }: { environment: string; initial: { list: NotificationList; readAt: number } }) {
  const list = useNotifications(environment, initial);
  const mark = useMarkNotificationsRead(environment);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const titleId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const unread = list.data?.unread ?? 0;
  const notifications = list.data?.notifications ?? [];

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (e.target instanceof Node && !root.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        className="relative inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        data-testid="notification-bell"
      >
        <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} className="h-5 w-5">
          <path
            d="M10 2.75a4.75 4.75 0 0 0-4.75 4.75v2.6c0 .6-.2 1.2-.6 1.7l-1.1 1.4c-.5.6-.05 1.55.75 1.55h11.4c.8 0 1.25-.95.75-1.55l-1.1-1.4c-.4-.5-.6-1.1-.6-1.7V7.5A4.75 4.75 0 0 0 10 2.75Z"
            strokeLinejoin="round"
          />
          <path d="M8 16.5a2 2 0 0 0 4 0" strokeLinecap="round" />
        </svg>
        {unread > 0 && (
          <span
            aria-hidden
            className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-bold text-white tabular-nums"
            data-testid="notification-count"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-labelledby={titleId}
          className="absolute right-0 z-40 mt-2 w-[22rem] max-w-[calc(100vw-2rem)] overflow-hidden rounded-xl bg-white text-left shadow-xl ring-1 ring-slate-200"
          data-testid="notification-panel"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2.5">
            <h2 id={titleId} className="text-sm font-semibold text-slate-900">
              Notifications
            </h2>
            <button
              type="button"
              disabled={unread === 0 || mark.isPending}
              onClick={() => mark.mutate({ all: true })}
              className="text-xs font-medium text-brand-700 hover:underline disabled:cursor-default disabled:text-slate-400 disabled:no-underline"
            >
              Mark all read
            </button>
          </div>
          {list.isError ? (
            <p role="alert" className="px-4 py-6 text-sm text-red-700">
              {list.error.message}
            </p>
          ) : notifications.length === 0 ? (
            <p className="px-4 py-8 text-center text-sm text-slate-500">{list.isPending ? "Loading…" : "Nothing yet. Finished batches, work due for review and low balances show up here."}</p>
          ) : (
            <ul className="max-h-[60vh] divide-y divide-slate-100 overflow-y-auto">
              {notifications.map((n) => (
                <li key={n.id}>
                  <IntentLink
                    href={n.href}
                    onClick={() => {
                      if (!n.read) mark.mutate({ ids: [n.id] });
                      setOpen(false);
                    }}
                    className={`flex gap-3 px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none ${n.read ? "" : "bg-brand-50/40"}`}
                    data-testid="notification"
                  >
                    <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${n.read ? "bg-transparent" : "bg-brand-600"}`} />
                    <span className="min-w-0">
                      <span className={`block text-sm ${n.read ? "text-slate-700" : "font-semibold text-slate-900"}`}>
                        {n.title}
                        {!n.read && <span className="sr-only"> (unread)</span>}
                      </span>
                      {n.body && <span className="mt-0.5 block text-xs text-slate-500">{n.body}</span>}
                      <span className="mt-1 block text-xs text-slate-500">{timeAgo(n.createdAt)}</span>
                    </span>
                  </IntentLink>
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-slate-100 px-4 py-2.5 text-right">
            <IntentLink href="/settings/notifications" onClick={() => setOpen(false)} className="text-xs font-medium text-slate-600 hover:text-slate-900">
              Notification settings
            </IntentLink>
          </div>
        </div>
      )}
    </div>
  );
}
