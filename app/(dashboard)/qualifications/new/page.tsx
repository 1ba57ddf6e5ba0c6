import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { QualificationTypeForm } from "../_components/qualification-type-form";

export const metadata: Metadata = { title: "New qualification type" };

export default requireTeam("viewer", function NewQualificationTypePage(_props: object, ctx) {
  const canEdit = hasRole(ctx.role, "admin");
  return (
    <>
      <PageHeader title="New qualification type" description={`Created in ${ctx.environment}. Workers see its name and description when they request it.`} />
      {!canEdit && <Alert tone="warning">Creating qualification types needs the admin role; you are a {ctx.role}.</Alert>}
      <Card>
        <QualificationTypeForm canEdit={canEdit} />
      </Card>
    </>
  );
});
