import { z } from "zod";
import { WorkerId } from "@/lib/qualifications/qualification-op-input";

// Inputs of the workers page's actions. Safe to import from client components.

export const BlockInput = z.object({
  action: z.enum(["block", "unblock"]),
  workerIds: z.array(WorkerId).min(1, "Select at least one worker").max(1000),
  reason: z.string().trim().min(1, "Give a reason: MTurk requires one").max(1024),
});

/** NotifyWorkers' limits: subject ≤ 200 and body ≤ 4,096 characters. */
export const MessageInput = z.object({
  workerIds: z.array(WorkerId).min(1, "Select at least one worker").max(10_000),
  subject: z.string().trim().min(1, "Write a subject").max(200, "The subject can be at most 200 characters"),
  body: z.string().trim().min(1, "Write a message").max(4096, "The message can be at most 4,096 characters"),
});

/** A CSV of blocks (WorkerId, Reason); parsed and checked whole on the server (lib/workers/parse-block-csv). */
export const BlockCsvInput = z.object({
  csv: z.string().min(1, "Choose a CSV file").max(2_000_000, "The CSV is larger than 2 MB"),
});

/** A message to everyone who worked in a batch: the same limits, the recipients found on the server. */
export const BatchMessageInput = MessageInput.omit({ workerIds: true });
