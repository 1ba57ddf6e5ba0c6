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

const URL_RE = /^https?:\/\/\S+$/i;
const IMAGE_RE = /\.(png|jpe?g|gif|webp|svg)(\?.*)?$/i;

export function linkKind(value: string): "image" | "link" | null {
  if (!URL_RE.test(value.trim())) return null;
  return IMAGE_RE.test(value.trim()) ? "image" : "link";
}
