"use client";

import { useEffect, useState } from "react";

/** The current time, ticking every second: for countdowns. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

/** "3d 4h", "2h 05m", "45s": the largest two units of a duration. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}

export function ago(iso: string | null, now: number): string {
  return iso ? `${duration(now - new Date(iso).getTime())} ago` : "never";
}

const URL_RE = /^https?:\/\/\S+$/i;
const IMAGE_RE = /\.(png|jpe?g|gif|webp|svg)(\?.*)?$/i;

export function linkKind(value: string): "image" | "link" | null {
  if (!URL_RE.test(value.trim())) return null;
  return IMAGE_RE.test(value.trim()) ? "image" : "link";
}
