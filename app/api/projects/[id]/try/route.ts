import { withTeam } from "@/lib/auth/guard";
import { tryAsWorker, TryAsWorkerInput } from "@/lib/projects/try-as-worker";

export const POST = withTeam({ role: "admin", input: TryAsWorkerInput }, ({ ctx, input, params }) => tryAsWorker(ctx, String(params.id), input.values));
