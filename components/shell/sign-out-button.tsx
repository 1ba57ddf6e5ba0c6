import { signOut } from "@/lib/auth/auth";

export function SignOutButton({ className = "", redirectTo = "/login", label = "Sign out" }: { className?: string; redirectTo?: string; label?: string }) {
  return (
    <form
      action={async () => {
        "use server";
        await signOut({ redirectTo });
      }}
    >
      <button type="submit" className={`text-sm font-medium text-slate-600 hover:text-slate-900 ${className}`}>
        {label}
      </button>
    </form>
  );
}
