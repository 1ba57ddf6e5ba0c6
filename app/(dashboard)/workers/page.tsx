import type { Metadata } from "next";
import { NotYet } from "@/components/not-yet";

export const metadata: Metadata = { title: "Workers" };

export default function WorkersPage() {
  return <NotYet title="Workers" what="Worker lists, blocks and messages are not built yet." issue="Dashboard: workers, blocks, messages and qualifications" />;
}
