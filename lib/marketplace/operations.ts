import "server-only";
import type { OperationHandler } from "@/lib/marketplace/context";
import { assignmentOperations } from "@/lib/marketplace/ops/assignments";
import { hitOperations } from "@/lib/marketplace/ops/hits";
import { hitsForQualificationOperations } from "@/lib/marketplace/ops/hits-for-qualification";
import { moneyOperations } from "@/lib/marketplace/ops/money";
import { notificationOperations } from "@/lib/marketplace/ops/notifications";
import { notifyWorkerOperations } from "@/lib/marketplace/ops/notify-workers";
import { qualificationRequestOperations } from "@/lib/marketplace/ops/qualification-requests";
import { qualificationScoreOperations } from "@/lib/marketplace/ops/qualification-scores";
import { qualificationTypeOperations } from "@/lib/marketplace/ops/qualification-types";
import { reviewResultOperations } from "@/lib/marketplace/ops/review-results";
import { workerBlockOperations } from "@/lib/marketplace/ops/worker-blocks";

/** Every operation of the MTurk Requester API 2017-01-17, by name. */
export const operations: Record<string, OperationHandler> = {
  ...hitOperations,
  ...assignmentOperations,
  ...moneyOperations,
  ...hitsForQualificationOperations,
  ...qualificationTypeOperations,
  ...qualificationScoreOperations,
  ...qualificationRequestOperations,
  ...workerBlockOperations,
  ...notifyWorkerOperations,
  ...reviewResultOperations,
  ...notificationOperations,
};
