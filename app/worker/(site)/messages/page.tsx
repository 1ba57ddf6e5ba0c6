import { requireWorker } from "@/lib/marketplace/worker-site/session";
import { readMyMessages } from "@/lib/marketplace/worker-site/my-work";

export const metadata = { title: "Messages" };

export default async function MessagesPage() {
  const worker = await requireWorker("/worker/messages");
  const messages = await readMyMessages(worker.workerId);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Messages</h1>
      {messages.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-stone-300 bg-white px-6 py-10 text-center text-sm text-stone-500">No messages yet. Requesters you work for can write to you here.</p>
      ) : (
        <ul className="space-y-3" aria-label="Messages">
          {messages.map((m) => (
            <li key={m.id} className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">
                  {m.unread && <span className="mr-2 inline-block h-2 w-2 rounded-full bg-emerald-500 align-middle" aria-label="New" />}
                  {m.subject}
                </h2>
                <span className="text-xs text-stone-500">
                  {m.requesterName} · {m.createdAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
                </span>
              </div>
              <p className="mt-2 text-sm whitespace-pre-wrap text-stone-700">{m.message}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
