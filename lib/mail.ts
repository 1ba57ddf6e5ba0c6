import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export function mailConfigured(): boolean {
  return !!env.SMTP_URL;
}

/** Sends through SMTP when configured; returns whether a message was sent. */
export async function sendMail(to: string, subject: string, text: string): Promise<boolean> {
  if (!env.SMTP_URL) return false;
  const transport = nodemailer.createTransport(env.SMTP_URL);
  await transport.sendMail({ from: env.SMTP_FROM ?? "HITdesk <no-reply@localhost>", to, subject, text });
  return true;
}
