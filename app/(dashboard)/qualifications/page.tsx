import type { Metadata } from "next";
import { NotYet } from "@/components/not-yet";

export const metadata: Metadata = { title: "Qualifications" };

export default function QualificationsPage() {
  return <NotYet title="Qualifications" what="Qualification types, tests, requests and scores are not built yet." issue="Dashboard: workers, blocks, messages and qualifications" />;
}
