import "server-only";
import type { Db, Tx } from "@/lib/db";
import { entityId } from "@/lib/marketplace/ids";

/** Puts a message from a requester into a worker's inbox on the worker site. */
export async function sendWorkerMessage(client: Tx | Db, m: { requesterId: string; workerId: string; subject: string; message: string; at: Date }): Promise<void> {
  await client.mkWorkerMessage.create({
    data: { id: entityId(), requesterId: m.requesterId, workerId: m.workerId, subject: m.subject, message: m.message, createdAt: m.at },
  });
}
