import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { TemplatePicker } from "./template-picker";

export const metadata: Metadata = { title: "New project" };

export default function NewProjectPage() {
  return (
    <>
      <PageHeader title="New project" description="Start from a template written for HITdesk (it works offline and answers in MTurk's formats), or from an empty design." />
      <TemplatePicker />
    </>
  );
}
