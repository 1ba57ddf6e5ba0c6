import { taskOrigins } from "@/lib/http/task-origins";
import { receiveExternalSubmit } from "@/lib/marketplace/worker-site/external-submit";
import { taskResponse } from "@/lib/mturk-formats/task-html";

const MAX_BODY_BYTES = 2_000_000;

// Forms of task content post here (`<turkSubmitTo>/mturk/externalSubmit`), as they post to MTurk.
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return taskResponse("The submitted form is too large.", 413, taskOrigins(request));
  }
  let fields: [string, string][];
  try {
    const form = await request.formData();
    fields = [...form].filter((e): e is [string, string] => typeof e[1] === "string");
  } catch {
    return taskResponse("The submission could not be read as a form.", 400, taskOrigins(request));
  }
  const outcome = await receiveExternalSubmit((await params).token, fields);
  return taskResponse(outcome.html, outcome.status, taskOrigins(request));
}

// Some designs submit with method="get"; MTurk accepts the fields in the query string too.
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const outcome = await receiveExternalSubmit((await params).token, [...new URL(request.url).searchParams]);
  return taskResponse(outcome.html, outcome.status, taskOrigins(request));
}
