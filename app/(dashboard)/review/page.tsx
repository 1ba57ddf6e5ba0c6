import type { Metadata } from "next";
import { NotYet } from "@/components/not-yet";

export const metadata: Metadata = { title: "Review" };

export default function ReviewPage() {
  return <NotYet title="Review" what="The review queue, approvals, rejections and bonuses are not built yet." issue="Dashboard: sync into Postgres, the review queue, approvals, rejections and bonuses" />;
}
