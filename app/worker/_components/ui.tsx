import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode } from "react";
import { dollars } from "@/lib/format";

/** The worker site's own building blocks: warmer and roomier than the requester dashboard. */

export function WorkButton({ tone = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: "primary" | "secondary" | "danger" }) {
  const tones = {
    primary: "bg-emerald-700 text-white hover:bg-emerald-800 focus-visible:outline-emerald-700 disabled:bg-emerald-700/50",
    secondary: "bg-white text-stone-800 ring-1 ring-inset ring-stone-300 hover:bg-stone-50",
    danger: "bg-white text-red-700 ring-1 ring-inset ring-red-200 hover:bg-red-50",
  } as const;
  return (
    <button
      className={`inline-flex items-center justify-center gap-2 rounded-full px-4 py-2 text-sm font-semibold shadow-sm transition focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed ${tones[tone]} ${className}`}
      {...props}
    />
  );
}

export function WorkInput({ className = "", invalid, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return (
    <input
      aria-invalid={invalid || undefined}
      className={`block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-stone-900 shadow-sm ring-1 ring-stone-300 ring-inset placeholder:text-stone-400 focus:ring-2 focus:ring-emerald-600 focus:ring-inset aria-[invalid=true]:ring-red-500 ${className}`}
      {...props}
    />
  );
}

export function WorkField({ label, htmlFor, error, children }: { label: string; htmlFor: string; error?: string; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-stone-700">
        {label}
      </label>
      {children}
      {error && (
        <p id={`${htmlFor}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

export function Notice({ tone = "info", children }: { tone?: "info" | "success" | "error" | "warning"; children: ReactNode }) {
  const tones = {
    info: "bg-sky-50 text-sky-900 ring-sky-200",
    success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
    error: "bg-red-50 text-red-800 ring-red-200",
    warning: "bg-amber-50 text-amber-900 ring-amber-200",
  } as const;
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-xl px-4 py-3 text-sm ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </div>
  );
}

export function EnvironmentTag({ environment }: { environment: string }) {
  return environment === "production" ? (
    <span className="rounded-full bg-stone-900 px-2 py-0.5 text-xs font-medium text-white">Paid</span>
  ) : (
    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-200 ring-inset">Sandbox · practice</span>
  );
}

export function duration(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round((seconds / 3600) * 10) / 10} h`;
  return `${Math.round((seconds / 86_400) * 10) / 10} days`;
}

/** What a HIT group pays, how long a worker has, and how many HITs are left: on every card. */
export function GroupFacts({ group, className = "" }: { group: { rewardCents: number; assignmentDurationSec: number; available: number }; className?: string }) {
  return (
    <dl className={`grid grid-cols-3 gap-5 text-right text-sm ${className}`}>
      <div>
        <dt className="text-xs text-stone-500">Reward</dt>
        <dd className="text-lg font-semibold text-emerald-700">{dollars(group.rewardCents)}</dd>
      </div>
      <div>
        <dt className="text-xs text-stone-500">Time allotted</dt>
        <dd className="font-medium">{duration(group.assignmentDurationSec)}</dd>
      </div>
      <div>
        <dt className="text-xs text-stone-500">Available</dt>
        <dd className="font-medium">{group.available}</dd>
      </div>
    </dl>
  );
}
