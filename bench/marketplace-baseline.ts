/**
 * The bare baseline bench/marketplace.ts compares HITdesk with, run as a child process: plain
 * node:http and pg, the request's SigV4 checked with @smithy/signature-v4, then one indexed
 * read: GetHIT's row, or ListHITs' page (BASELINE_REQUESTER_ID's HITs after the NextToken),
 * sent back in the API's shape (serializeHit), so the SDK clients parse the same answers.
 * What no MTurk server can beat on this machine and database. Reads DATABASE_URL,
 * BASELINE_ACCESS_KEY_ID and BASELINE_SECRET_ACCESS_KEY; tells the parent its port over IPC.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import pg from "pg";
import type { MkHit } from "@/lib/generated/prisma/client";
import { serializeHit } from "@/lib/marketplace/serialize";

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData) => (typeof data === "string" ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));

/** SHA-256 and HMAC from node:crypto, in the shape the signer takes. */
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac("sha256", bytes(secret)) : createHash("sha256");
  }
  update(data: SourceData) {
    this.hash.update(bytes(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset() {}
}

const { DATABASE_URL, BASELINE_ACCESS_KEY_ID, BASELINE_SECRET_ACCESS_KEY, BASELINE_REQUESTER_ID } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
const signer = new SignatureV4({
  credentials: { accessKeyId: BASELINE_ACCESS_KEY_ID!, secretAccessKey: BASELINE_SECRET_ACCESS_KEY! },
  region: "us-east-1",
  service: "mturk-requester",
  sha256: Sha256,
  applyChecksum: false,
});

/** Signs the request again with its own signed headers and date; true when the signatures match. */
async function signatureMatches(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<boolean> {
  const auth = /SignedHeaders=([^,]+), Signature=([0-9a-f]+)/.exec(String(headers.authorization));
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(headers["x-amz-date"]));
  if (!auth || !date) return false;
  const signed = Object.fromEntries(auth[1]!.split(";").map((name) => [name, String(headers[name] ?? "")]));
  const request = new HttpRequest({ method, protocol: "http:", hostname: String(headers.host), path, headers: signed, body });
  const result = await signer.sign(request, { signingDate: new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!)) });
  const expected = /Signature=([0-9a-f]+)/.exec(String(result.headers.authorization))![1]!;
  return expected.length === auth[2]!.length && timingSafeEqual(Buffer.from(expected), Buffer.from(auth[2]!));
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    void (async () => {
      if (!(await signatureMatches(req.method ?? "POST", req.url ?? "/", req.headers, body))) {
        res.writeHead(400, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify({ __type: "InvalidSignatureException", Message: "Signature mismatch" }));
        return;
      }
      const input = JSON.parse(body.toString("utf8")) as { HITId?: string; NextToken?: string; MaxResults?: number };
      let answer: unknown;
      if (String(req.headers["x-amz-target"]).endsWith(".ListHITs")) {
        const after = input.NextToken ? Buffer.from(input.NextToken, "base64url").toString("utf8").slice("hd1:".length) : "0";
        const limit = input.MaxResults ?? 10;
        const { rows } = await pool.query<MkHit>({
          text: `SELECT * FROM mk_hit WHERE "requesterId" = $1 AND "disposedAt" IS NULL AND seq > $2 ORDER BY seq LIMIT $3`,
          values: [BASELINE_REQUESTER_ID, after, limit + 1],
        });
        const page = rows.slice(0, limit);
        answer = { NumResults: page.length, HITs: page.map(serializeHit), NextToken: page.length ? Buffer.from(`hd1:${page.at(-1)!.seq}`).toString("base64url") : undefined };
      } else {
        const { rows } = await pool.query<MkHit>({ text: "SELECT * FROM mk_hit WHERE id = $1", values: [input.HITId ?? ""] });
        answer = { HIT: rows[0] && serializeHit(rows[0]) };
      }
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify(answer));
    })();
  });
});
server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on("disconnect", () => {
  server.close();
  void pool.end();
});
