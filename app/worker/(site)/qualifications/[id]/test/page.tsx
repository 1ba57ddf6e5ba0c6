import Link from "next/link";
import { notFound } from "next/navigation";
import { TestWorkspace } from "@/app/worker/(site)/qualifications/[id]/test/test-workspace";
import { requireWorker } from "@/lib/marketplace/worker-site/session";
import { startQualificationTest } from "@/lib/marketplace/worker-site/worker-qualifications";

export const metadata = { title: "Qualification test" };

export default async function QualificationTestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const worker = await requireWorker(`/worker/qualifications/${id}/test`);
  const test = await startQualificationTest(worker.workerId, id);
  if (!test) notFound();
  return (
    <div className="space-y-4">
      <Link href="/worker/qualifications" className="text-sm text-stone-500 hover:text-stone-800">
        ← Qualifications
      </Link>
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{test.name}</h1>
        <p className="text-sm text-stone-600">{test.description}</p>
      </div>
      <TestWorkspace src={test.src} title={test.name} secondsLeft={test.seconds} />
    </div>
  );
}
