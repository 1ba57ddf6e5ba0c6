import { SignInForm } from "@/app/worker/(public)/auth-forms";
import { Notice } from "@/app/worker/_components/ui";

export const metadata = { title: "Sign in" };

export default async function WorkerSignInPage({ searchParams }: { searchParams: Promise<{ next?: string; invite?: string; notice?: string }> }) {
  const { next, invite, notice } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in to find work</h1>
      <p className="mt-1 mb-6 text-sm text-stone-500">Use your worker account.</p>
      {notice === "signed-out-everywhere" && (
        <div className="mb-4">
          <Notice tone="success">You were signed out on every browser.</Notice>
        </div>
      )}
      <SignInForm next={next} invite={invite} />
    </>
  );
}
