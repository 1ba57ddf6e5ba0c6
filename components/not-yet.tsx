import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

/** A section whose feature has not been built yet: says so plainly instead of pretending. */
export function NotYet({ title, what, issue }: { title: string; what: string; issue: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <p className="text-sm text-slate-600">
          <span className="font-medium text-slate-900">Not available yet.</span> {what} It arrives with the issue “{issue}”.
        </p>
      </Card>
    </>
  );
}
