/**
 * HITdesk's side of bench/marketplace.ts, run as a child process: the built-in marketplace on
 * lib/marketplace/node-server.ts's serveMarketplace, on DATABASE_URL. Tells the parent its port
 * over IPC; answers "times" with the median time spent inside the marketplace since last asked.
 */
import { db } from "@/lib/db";
import { serveMarketplace } from "@/lib/marketplace/node-server";

let serverTimes: number[] = [];
const { server } = await serveMarketplace({ onHandled: (ms) => serverTimes.push(ms) });
process.on("message", (message) => {
  if (message !== "times") return;
  const sorted = serverTimes.sort((a, b) => a - b);
  serverTimes = [];
  process.send!({ server_p50_ms: Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10 });
});
process.send!({ port: (server.address() as { port: number }).port });
process.on("disconnect", () => {
  server.close();
  void db.$disconnect();
});
