import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";

export class EmailTakenError extends Error {
  constructor(email: string) {
    super(`A user with the email ${email} already exists`);
  }
}

/** `email` must already be validated and lower-cased (EmailSchema). */
export async function createUser(input: { email: string; password: string; name: string }): Promise<{ id: string }> {
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw new EmailTakenError(input.email);
  return db.user.create({
    data: { email: input.email, name: input.name, passwordHash: await hashPassword(input.password) },
    select: { id: true },
  });
}
