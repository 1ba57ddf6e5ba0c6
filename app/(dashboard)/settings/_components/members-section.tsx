"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, hasRole, type Role } from "@/lib/auth/roles";
import { useApiMutation } from "./use-api-mutation";

interface Member {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
}

interface PendingInvite {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
}

export function MembersSection({ members, invites, role, currentUserId }: { members: Member[]; invites: PendingInvite[]; role: Role; currentUserId: string }) {
  const isAdmin = hasRole(role, "admin");
  const isOwner = role === "owner";
  const changeRole = useApiMutation((v: { id: string; role: Role }) => ({ path: `/api/team/members/${v.id}`, method: "PATCH", body: { role: v.role } }));
  const remove = useApiMutation((id: string) => ({ path: `/api/team/members/${id}`, method: "DELETE" }));
  const revoke = useApiMutation((id: string) => ({ path: `/api/team/invites/${id}`, method: "DELETE" }));
  const resetLink = useApiMutation((id: string) => ({ path: `/api/team/members/${id}/password-reset`, method: "POST" }));
  const reset = resetLink.data as { email: string; url: string } | undefined;
  const error = changeRole.error ?? remove.error ?? revoke.error ?? resetLink.error;
  const grantable = ROLES.filter((r) => r !== "owner" || isOwner);
  return (
    <Card title={<span id="members">Members</span>} description="Everyone who can sign in to this team, and what they may do.">
      {error && (
        <div className="mb-3">
          <Alert tone="error">{error.message}</Alert>
        </div>
      )}
      <Table>
        <TableHead>
          <tr>
            <Th className="py-2">Member</Th>
            <Th className="py-2">Role</Th>
            <Th className="py-2" />
          </tr>
        </TableHead>
        <TableBody>
          {members.map((m) => {
            const editable = isAdmin && (isOwner || m.role !== "owner");
            return (
              <tr key={m.id} data-testid={`member-${m.email}`}>
                <td className="py-2.5">
                  <div className="font-medium text-slate-900">{m.name ?? m.email}</div>
                  <div className="text-xs text-slate-500">
                    {m.email}
                    {m.userId === currentUserId && " (you)"}
                  </div>
                </td>
                <td className="py-2.5">
                  {editable ? (
                    <Select aria-label={`Role of ${m.email}`} className="w-36" value={m.role} onChange={(e) => changeRole.mutate({ id: m.id, role: e.target.value as Role })}>
                      {grantable.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <span className="rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-700">{ROLE_LABELS[m.role]}</span>
                  )}
                </td>
                <td className="py-2.5 text-right whitespace-nowrap">
                  {isOwner && m.userId !== currentUserId && (
                    <Button variant="ghost" disabled={resetLink.isPending} onClick={() => resetLink.mutate(m.id)} aria-label={`Reset the password of ${m.email}`}>
                      Reset password
                    </Button>
                  )}
                  {editable && m.userId !== currentUserId && (
                    <Button variant="ghost" className="text-red-600" onClick={() => confirm(`Remove ${m.email} from the team?`) && remove.mutate(m.id)}>
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </TableBody>
      </Table>
      {reset && (
        <div className="mt-3 space-y-2">
          <Alert tone="success">One-time link for {reset.email} to set a new password, valid for an hour. Send it to them privately; using it signs them out everywhere.</Alert>
          <CopyableLink label="Password reset link" url={reset.url} />
        </div>
      )}
      {isAdmin && <InviteForm grantable={grantable} />}
      {isAdmin && invites.length > 0 && (
        <div className="mt-6">
          <h3 className="text-sm font-semibold text-slate-900">Pending invitations</h3>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {invites.map((i) => (
              <li key={i.id} className="flex items-center justify-between py-2">
                <span>
                  {i.email} · {ROLE_LABELS[i.role]} · expires {new Date(i.expiresAt).toLocaleDateString()}
                </span>
                <Button variant="ghost" onClick={() => revoke.mutate(i.id)}>
                  Withdraw
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

function InviteForm({ grantable }: { grantable: Role[] }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("reviewer");
  const invite = useApiMutation((body: { email: string; role: Role }) => ({ path: "/api/team/invites", body }));
  const result = invite.data as { url: string; emailed: boolean; email: string } | undefined;
  return (
    <div className="mt-6 border-t border-slate-100 pt-5">
      <h3 className="text-sm font-semibold text-slate-900">Invite someone</h3>
      <form
        noValidate
        className="mt-3 grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate({ email, role }, { onSuccess: () => setEmail("") });
        }}
      >
        <Field label="Email">
          <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@example.com" />
        </Field>
        <Field label="Role">
          <Select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {grantable.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={invite.isPending}>
          Create invitation
        </Button>
      </form>
      <p className="mt-2 text-xs text-slate-500">{ROLE_DESCRIPTIONS[role]}.</p>
      {invite.error && (
        <div className="mt-3">
          <Alert tone="error">{invite.error.message}</Alert>
        </div>
      )}
      {result && (
        <div className="mt-3 space-y-2">
          <Alert tone="success">
            Invitation for {result.email} created{result.emailed ? " and emailed" : ""}. {result.emailed ? "You can also share this link:" : "Copy this link and send it to them:"}
          </Alert>
          <CopyableLink label="Invitation link" url={result.url} />
        </div>
      )}
    </div>
  );
}

function CopyableLink({ label, url }: { label: string; url: string }) {
  return (
    <div className="flex gap-2">
      <Input readOnly value={url} aria-label={label} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
      <Button type="button" variant="secondary" onClick={() => void navigator.clipboard?.writeText(url)}>
        Copy
      </Button>
    </div>
  );
}
