import type { Metadata } from "next";
import { NotYet } from "@/components/not-yet";

export const metadata: Metadata = { title: "HITs" };

export default function HitsPage() {
  return <NotYet title="HITs" what="Creating HITs and batches from templates or CSV, and managing them, is not built yet." issue="Dashboard: create and manage HITs" />;
}
