import Link from "next/link";
import { RequestButton } from "@/app/worker/(site)/qualifications/request-button";
import { EnvironmentTag, duration } from "@/app/worker/_components/ui";
import { requireWorker } from "@/lib/marketplace/worker-site/session";
import { listMyQualifications, listRequestableForWorker } from "@/lib/marketplace/worker-site/worker-qualifications";

export const metadata = { title: "Qualifications" };

export default async function QualificationsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const worker = await requireWorker("/worker/qualifications");
  const { q } = await searchParams;
  const [types, held] = await Promise.all([listRequestableForWorker(worker.workerId, { q: q?.slice(0, 200) }), listMyQualifications(worker.workerId)]);
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Qualifications</h1>
            <p className="text-sm text-stone-500">Request a qualification or take its test to open more HITs.</p>
          </div>
          <form role="search">
            <input
              name="q"
              defaultValue={q}
              aria-label="Search qualifications"
              placeholder="Search qualifications"
              className="w-64 rounded-full border-0 bg-white px-4 py-2 text-sm shadow-sm ring-1 ring-stone-300 ring-inset focus:ring-2 focus:ring-emerald-600"
            />
          </form>
        </div>
        {types.length === 0 ? (
          <p className="rounded-2xl border border-dashed border-stone-300 bg-white px-6 py-10 text-center text-sm text-stone-500">No qualifications to request right now.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" aria-label="Requestable qualifications">
            {types.map((t) => (
              <li key={t.id} className="flex flex-col rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className="font-semibold">{t.name}</h2>
                  <EnvironmentTag environment={t.environment} />
                </div>
                <p className="text-xs text-stone-500">{t.requesterName}</p>
                <p className="mt-2 flex-1 text-sm text-stone-700">{t.description}</p>
                <div className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
                  <span className="text-stone-600">
                    {t.score?.status === "Granted"
                      ? `Your score: ${t.score.integerValue ?? "—"}`
                      : t.lastRequest?.status === "Pending"
                        ? "Requested: waiting for the requester"
                        : t.lastRequest?.status === "Rejected"
                          ? `Not granted${t.lastRequest.reason ? `: ${t.lastRequest.reason}` : ""}`
                          : t.hasTest
                            ? `Test · ${duration(t.testDurationSec ?? 3600)}`
                            : t.autoGranted
                              ? "Granted at once"
                              : "Reviewed by the requester"}
                    {t.retryDelaySec !== null && t.lastRequest ? ` · retry after ${duration(t.retryDelaySec)}` : ""}
                  </span>
                  {t.hasTest ? (
                    <Link href={`/worker/qualifications/${t.id}/test`} className="rounded-full bg-emerald-700 px-4 py-1.5 font-semibold text-white hover:bg-emerald-800">
                      {t.score?.status === "Granted" || t.lastRequest ? "Retake test" : "Take test"}
                    </Link>
                  ) : (
                    t.score?.status !== "Granted" && <RequestButton qualificationTypeId={t.id} />
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Your qualifications</h2>
        {held.length === 0 ? (
          <p className="text-sm text-stone-500">None yet.</p>
        ) : (
          <ul className="divide-y divide-stone-100 rounded-2xl bg-white shadow-sm ring-1 ring-stone-200" aria-label="Your qualifications">
            {held.map((h) => (
              <li key={h.qualificationTypeId} className="flex justify-between gap-4 px-5 py-3 text-sm">
                <span className="font-medium">{h.name}</span>
                <span className={h.status === "Granted" ? "text-emerald-700" : "text-stone-500"}>{h.status === "Granted" ? `Score ${h.value ?? "—"}` : "Revoked"}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
