import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type { Socket } from "node:net";
import path from "node:path";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * Password authentication for the embedded database's loopback port. pglite-socket answers
 * any startup message with AuthenticationOk, so any local process could read password hashes
 * and encrypted keys. Here a connection must prove it knows the install's password, by
 * SCRAM-SHA-256 (what Postgres itself uses; node-postgres, psql and the schema engine speak it,
 * and the password never crosses the socket), before pglite-socket sees its startup message.
 */

export const PASSWORD_FILE = "embedded-db.password";

/** The install's database password, created (owner-only, 0600) on first use. */
export function embeddedPassword(dir: string): string {
  const file = path.join(dir, PASSWORD_FILE);
  try {
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  // A copied or restored folder may have lost its modes.
  if ((statSync(file).mode & 0o777) !== 0o600) chmodSync(file, 0o600);
  return readFileSync(file, "utf8").trim();
}

/** The password of a data folder, if one was made (a server started before passwords existed has none). */
export function existingEmbeddedPassword(dir: string): string | undefined {
  const file = path.join(dir, PASSWORD_FILE);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const ITERATIONS = 4096;
const AUTH_TIMEOUT_MS = 10_000;

function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

const authFailed = (reason: string) => message("E", Buffer.from(`SFATAL\0VFATAL\0C28P01\0M${reason}\0\0`));

/** Reads the raw socket message by message until `step` says it is done. */
function readMessages(socket: Socket, step: (buffer: Buffer) => number | "wait" | "done"): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new Error("authentication timed out")), AUTH_TIMEOUT_MS);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      // Bytes after the exchange stay in the socket until pglite-socket listens.
      socket.pause();
      socket.off("data", onData);
      socket.off("close", onClose);
      socket.off("error", onClose);
      if (error) reject(error);
      else resolve(buffer);
    };
    const onClose = () => finish(new Error("closed during authentication"));
    const onData = (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      try {
        for (;;) {
          const used = step(buffer);
          if (used === "wait") return;
          if (used === "done") return finish();
          buffer = buffer.subarray(used);
        }
      } catch (e) {
        finish(e as Error);
      }
    };
    socket.on("data", onData);
    socket.on("close", onClose);
    socket.on("error", onClose);
  });
}

interface Scram {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

function scramKeys(password: string): Scram {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, ITERATIONS, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  return {
    salt,
    storedKey: createHash("sha256").update(clientKey).digest(),
    serverKey: createHmac("sha256", salted).update("Server Key").digest(),
  };
}

/**
 * Runs the startup and SCRAM exchange on a new connection. Resolves with the startup message
 * and any bytes after the last authentication message, for pglite-socket to handle; rejects
 * (after telling the client why, as Postgres does) when the password is wrong.
 */
async function authenticate(socket: Socket, keys: Scram): Promise<Buffer> {
  let startup: Buffer | undefined;
  let clientFirstBare = "";
  let serverFirst = "";
  let nonce = "";
  let done = false;
  const rest = await readMessages(socket, (buf) => {
    if (!startup) {
      if (buf.length < 8) return "wait";
      const length = buf.readInt32BE(0);
      const code = buf.readInt32BE(4);
      if (length === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
        socket.write("N"); // no TLS on a loopback port; the client continues in plain text
        return 8;
      }
      if (code === CANCEL_REQUEST) throw new Error("cancel requests are not supported");
      if (code !== PROTOCOL_3 || length < 8 || length > 10_000) throw new Error("not a Postgres startup message");
      if (buf.length < length) return "wait";
      startup = Buffer.from(buf.subarray(0, length));
      socket.write(message("R", int32(10), Buffer.from("SCRAM-SHA-256\0\0")));
      return length;
    }
    if (done) return "done";
    if (buf.length < 5) return "wait";
    const length = buf.readInt32BE(1) + 1;
    if (buf[0] !== 0x70 || length > 10_000) throw new Error("expected a password message");
    if (buf.length < length) return "wait";
    const body = buf.subarray(5, length);
    if (!serverFirst) {
      // SASLInitialResponse: mechanism, then "n,,n=<user>,r=<client nonce>".
      const end = body.indexOf(0);
      if (body.subarray(0, end).toString() !== "SCRAM-SHA-256") throw new Error("unsupported SASL mechanism");
      const clientFirst = body.subarray(end + 5).toString();
      if (!clientFirst.startsWith("n,,")) throw new Error("channel binding is not supported");
      clientFirstBare = clientFirst.slice(3);
      const clientNonce = /(?:^|,)r=([^,]+)/.exec(clientFirstBare)?.[1];
      if (!clientNonce) throw new Error("no client nonce");
      nonce = clientNonce + randomBytes(18).toString("base64");
      serverFirst = `r=${nonce},s=${keys.salt.toString("base64")},i=${ITERATIONS}`;
      socket.write(message("R", int32(11), Buffer.from(serverFirst)));
      return length;
    }
    // SASLResponse: "c=biws,r=<nonce>,p=<proof>".
    const clientFinal = body.toString();
    const proofAt = clientFinal.lastIndexOf(",p=");
    const withoutProof = clientFinal.slice(0, proofAt);
    const proof = Buffer.from(clientFinal.slice(proofAt + 3), "base64");
    if (proofAt < 0 || !withoutProof.split(",").includes(`r=${nonce}`) || proof.length !== 32) throw new Error("malformed SCRAM response");
    const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
    const signature = createHmac("sha256", keys.storedKey).update(authMessage).digest();
    const clientKey = Buffer.from(proof.map((b, i) => b ^ signature[i]!));
    if (!timingSafeEqual(createHash("sha256").update(clientKey).digest(), keys.storedKey)) throw new Error("wrong password");
    const serverSignature = createHmac("sha256", keys.serverKey).update(authMessage).digest("base64");
    socket.write(message("R", int32(12), Buffer.from(`v=${serverSignature}`)));
    done = true;
    return length;
  });
  return Buffer.concat([startup!, rest]);
}

/**
 * Makes `server` (not started yet) refuse connections that do not know `password`. Returns a
 * function that drops connections still authenticating, for stopping the server.
 */
export function requirePassword(server: PGLiteSocketServer, password: string): () => void {
  const internals = server as unknown as { handleConnection(socket: Socket): Promise<void> };
  const handOver = internals.handleConnection.bind(server);
  const keys = scramKeys(password);
  const authenticating = new Set<Socket>();
  internals.handleConnection = async (socket: Socket) => {
    let startup: Buffer;
    authenticating.add(socket);
    try {
      startup = await authenticate(socket, keys);
    } catch (e) {
      // As Postgres does after a FATAL error: say why, then close (not half-close: a client
      // that never closes its end must not keep the server from stopping).
      if (!socket.destroyed) socket.end(authFailed(`password authentication failed: ${(e as Error).message}`), () => socket.destroy());
      return;
    } finally {
      authenticating.delete(socket);
    }
    await handOver(socket);
    // pglite-socket now listens on the socket: give it the startup message it would have read,
    // which PGlite answers with AuthenticationOk, the session parameters and ReadyForQuery.
    socket.emit("data", startup);
    socket.resume();
  };
  return () => {
    for (const socket of authenticating) socket.destroy();
  };
}
