import "server-only";
import { HttpError } from "@/lib/http/http-error";

/**
 * The largest body a dashboard route reads. The biggest inputs are CSV uploads of up to
 * 20 MB (batches, review results), which JSON string escaping can grow by a few MB.
 */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const FORM_TYPE = /^(?:multipart\/form-data|application\/x-www-form-urlencoded)\s*(?:;|$)/i;

/**
 * A mutating request's body bytes, refused when not of the accepted type (415: a text/plain or
 * form body is what a cross-site form or a "simple" cross-origin fetch sends, so only routes
 * that declare form input take one) or too large (413, decided from Content-Length before
 * reading, and enforced while reading for chunked bodies). No body at all (a DELETE, an empty
 * POST) is null.
 */
async function readBodyBytes(request: Request, accepted: RegExp, refusal: (type: string) => HttpError): Promise<Buffer | null> {
  const type = request.headers.get("content-type") ?? "";
  const tooLarge = () => new HttpError(413, `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  // Refused before reading when the headers already say a body of another type is coming.
  if ((declared > 0 || request.headers.has("transfer-encoding")) && !accepted.test(type)) throw refusal(type);
  if (!request.body) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (size === 0) return null;
  if (!accepted.test(type)) throw refusal(type);
  return Buffer.concat(chunks);
}

const sent = (type: string) => (type ? `, not ${type.split(";")[0]}` : "");

/** A JSON body (see readBodyBytes for what is refused); no body reads as {}. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const bytes = await readBodyBytes(request, JSON_TYPE, (type) => new HttpError(415, `Send the request body as JSON (Content-Type: application/json)${sent(type)}`));
  if (!bytes) return {};
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "The request body is not valid UTF-8");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "The request body is not valid JSON");
  }
}

/**
 * A form body (multipart or urlencoded) as an object for a zod schema: a field sent once is a
 * string (or File), a field sent several times an array. No body reads as {}.
 */
export async function readFormBody(request: Request): Promise<Record<string, FormDataEntryValue | FormDataEntryValue[]>> {
  const bytes = await readBodyBytes(
    request,
    FORM_TYPE,
    (type) => new HttpError(415, `Send the request body as a form (Content-Type: multipart/form-data or application/x-www-form-urlencoded)${sent(type)}`),
  );
  if (!bytes) return {};
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { "content-type": request.headers.get("content-type")! } }).formData();
  } catch {
    throw new HttpError(400, "The request body is not a valid form");
  }
  const fields: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    fields[key] = values.length === 1 ? values[0]! : values;
  }
  return fields;
}
