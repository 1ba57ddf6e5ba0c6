import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";

/** What an operation knows about its call: whose it is and what time it is for them. */
export interface OperationContext {
  requester: { id: string; environment: MarketplaceEnvironment };
  /** The requester's clock (lib/marketplace/clock), not the wall clock. */
  now: Date;
  requestId: string;
}

/** Input has passed the model's validation (lib/marketplace/model); handlers check semantics. */
export type OperationHandler = (input: unknown, ctx: OperationContext) => Promise<Record<string, unknown>>;
