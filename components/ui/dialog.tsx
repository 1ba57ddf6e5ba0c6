"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog, labelled by its title. While open, Tab and Shift+Tab cycle inside it and focus
 * cannot land behind it; Escape or a click on the backdrop closes it, and focus returns to what
 * had it before (the button or row that opened it). Content may focus its own first field.
 * It renders into <body>, so where it is opened from (a table cell, a right-aligned toolbar)
 * leaks neither styles nor structure into it.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  // Read while rendering, before content with autoFocus takes focus in the commit.
  const [opener] = useState(() => (typeof document === "undefined" ? null : (document.activeElement as HTMLElement | null)));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  useEffect(() => {
    const box = panel.current!;
    const focusables = () => [...box.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (!box.contains(document.activeElement)) (focusables()[0] ?? box).focus();
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== "Tab") return;
      const all = focusables();
      const first = all[0];
      const last = all.at(-1);
      if (!first || !last) return e.preventDefault();
      if (e.shiftKey && (document.activeElement === first || !box.contains(document.activeElement))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !box.contains(document.activeElement))) {
        e.preventDefault();
        first.focus();
      }
    };
    // Focus moved behind the dialog (a click on the page, a script) comes back into it.
    const onFocusIn = (e: FocusEvent) => {
      if (e.target instanceof Node && !box.contains(e.target)) (focusables()[0] ?? box).focus();
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("focusin", onFocusIn);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("focusin", onFocusIn);
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);

  return createPortal(
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-slate-900/30 p-4 pt-[12vh]" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={panel} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} className="w-full max-w-lg rounded-xl bg-white text-left shadow-xl ring-1 ring-slate-200 outline-none">
        <h2 id={titleId} className="border-b border-slate-100 px-5 py-3 text-base font-semibold text-slate-900">
          {title}
        </h2>
        <div className="space-y-4 px-5 py-4">{children}</div>
      </div>
    </div>,
    document.body,
  );
}
