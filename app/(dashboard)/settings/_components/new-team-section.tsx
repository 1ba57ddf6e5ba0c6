"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useApiMutation } from "./use-api-mutation";

export function NewTeamSection() {
  const [name, setName] = useState("");
  const create = useApiMutation((body: { name: string }) => ({ path: "/api/teams", body }));
  return (
    <Card title="Start another team" description="A separate requester account with its own members, keys and balance. You will be its owner.">
      <form
        className="flex max-w-xl items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name }, { onSuccess: () => setName("") });
        }}
      >
        <div className="flex-1">
          <Field label="New team name">
            <Input value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
        </div>
        <Button type="submit" variant="secondary" disabled={create.isPending}>
          Create team
        </Button>
      </form>
      {create.error && (
        <div className="mt-3">
          <Alert tone="error">{create.error.message}</Alert>
        </div>
      )}
      {create.isSuccess && <p className="mt-3 text-sm text-emerald-700">Team created; you are now working in it. Switch teams from the header.</p>}
    </Card>
  );
}
