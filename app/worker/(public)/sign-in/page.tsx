import { SignInForm } from "@/app/worker/(public)/auth-forms";

export const metadata = { title: "Sign in" };

export default async function WorkerSignInPage({ searchParams }: { searchParams: Promise<{ next?: string; invite?: string }> }) {
  const { next, invite } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in to find work</h1>
      <p className="mt-1 mb-6 text-sm text-stone-500">Use your worker account.</p>
      <SignInForm next={next} invite={invite} />
    </>
  );
}
