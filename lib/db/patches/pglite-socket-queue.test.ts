import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { installedVersion, requiredVersion } from "@/test/support/package-versions";
import { describe, expect, it, vi } from "vitest";
import { PATCHED_PGLITE_SOCKET_VERSION, type QueryQueue } from "./pglite-socket-queue";

// The patch replaces private parts of pglite-socket: an upgrade must be checked against it.
describe("pglite-socket, as the queue patch expects it", () => {
  it("is the version the patch was written for, pinned exactly", () => {
    expect(requiredVersion("@electric-sql/pglite-socket")).toBe(PATCHED_PGLITE_SOCKET_VERSION);
    expect(installedVersion("@electric-sql/pglite-socket")).toBe(PATCHED_PGLITE_SOCKET_VERSION);
  });

  it("keeps one query queue per server, over the server's database, next to its set of handlers", () => {
    const db = {} as PGlite;
    const server = new PGLiteSocketServer({ db });
    const internals = server as unknown as { queryQueue: QueryQueue; handlers: unknown };
    expect(internals.handlers).toBeInstanceOf(Set);
    const q = internals.queryQueue;
    expect(q).toMatchObject({ queue: [], processing: false, lastHandlerId: null, db });
    for (const method of ["processQueue", "clearQueueForHandler", "clearTransactionIfNeeded"] as const) expect(typeof q[method]).toBe("function");
  });

  it("queues messages with their callbacks and starts the queue through the instance's processQueue", () => {
    const server = new PGLiteSocketServer({ db: {} as PGlite });
    const q = (server as unknown as { queryQueue: QueryQueue & { enqueue(id: number, message: Uint8Array, onData: () => void): Promise<number> } }).queryQueue;
    const processQueue = vi.fn(async () => {});
    q.processQueue = processQueue;
    const message = Uint8Array.of(0x51);
    const onData = () => {};
    void q.enqueue(7, message, onData);
    expect(processQueue).toHaveBeenCalledOnce();
    expect(q.queue).toEqual([expect.objectContaining({ handlerId: 7, message, onData, resolve: expect.any(Function), reject: expect.any(Function) })]);
  });

  it("has a closing handler clear its queue and transaction through the queue's methods", async () => {
    const queryQueue = { clearQueueForHandler: vi.fn(), clearTransactionIfNeeded: vi.fn(async () => {}) };
    const handler = new PGLiteSocketHandler({ queryQueue: queryQueue as never });
    const socket = { removeAllListeners: vi.fn(), writable: false, end: vi.fn(), destroy: vi.fn() };
    (handler as unknown as { socket: unknown }).socket = socket;
    expect(handler.handlerId).toBeTypeOf("number");
    await handler.detach(false);
    expect(queryQueue.clearQueueForHandler).toHaveBeenCalledWith(handler.handlerId);
    expect(queryQueue.clearTransactionIfNeeded).toHaveBeenCalledWith(handler.handlerId);
  });
});
