"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function ReviewError({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-3">
      <Alert tone="error">The review queue could not be shown: {error.message}</Alert>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
