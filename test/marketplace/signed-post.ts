import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";

interface SignOptions {
  url: string;
  target: string;
  body: string | Uint8Array;
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
  signingDate?: Date;
  /** Headers signed along with the request's own (an x-amz-content-sha256 the signer trusts). */
  headers?: Record<string, string>;
}

/** The headers of a POST signed with SigV4 by AWS's own signer. */
export async function signedHeaders(options: SignOptions): Promise<Record<string, string>> {
  const url = new URL(options.url);
  const signer = new SignatureV4({
    service: "mturk-requester",
    region: options.region ?? "us-east-1",
    sha256: Sha256,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: "POST",
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers: { host: url.host, "content-type": "application/x-amz-json-1.1", "x-amz-target": options.target, ...options.headers },
      body: options.body,
    }),
    { signingDate: options.signingDate },
  );
  return signed.headers;
}

/** A POST signed with SigV4 by AWS's own signer, for calls the SDK cannot make (or makes too politely). */
export async function signedPost(
  options: SignOptions & {
    /** A body sent in place of the signed one. */
    sentBody?: string;
  },
): Promise<Response> {
  return fetch(options.url, { method: "POST", headers: await signedHeaders(options), body: (options.sentBody ?? options.body) as BodyInit });
}
