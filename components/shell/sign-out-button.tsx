import { signOut } from "@/lib/auth/auth";

export function SignOutButton({ className = "" }: { className?: string }) {
  return (
    <form
      action={async () => {
        "use server";
        await signOut({ redirectTo: "/login" });
      }}
    >
      <button type="submit" className={`text-sm font-medium text-slate-600 hover:text-slate-900 ${className}`}>
        Sign out
      </button>
    </form>
  );
}
