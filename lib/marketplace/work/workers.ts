import "server-only";
import { db } from "@/lib/db";
import { customerId } from "@/lib/marketplace/ids";

export interface NewWorker {
  displayName: string;
  accountRef?: string;
  simulated?: boolean;
  simulatedForRequesterId?: string;
  localeCountry?: string;
  localeSubdivision?: string;
  adult?: boolean;
}

/** A worker of the built-in marketplace, with a Worker ID in MTurk's format. */
export async function createWorker(input: NewWorker): Promise<{ id: string }> {
  return db.mkWorker.create({
    data: {
      id: customerId(),
      displayName: input.displayName,
      accountRef: input.accountRef ?? null,
      simulated: input.simulated ?? false,
      simulatedForRequesterId: input.simulatedForRequesterId ?? null,
      localeCountry: input.localeCountry ?? "US",
      localeSubdivision: input.localeSubdivision ?? null,
      adult: input.adult ?? true,
    },
    select: { id: true },
  });
}
