import { createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface SunkMessage {
  from: string;
  to: string[];
  /** The message as sent after DATA (headers and body, dot-unstuffed). */
  data: string;
}

/**
 * A minimal SMTP receiver on loopback, enough for nodemailer: EHLO/HELO, MAIL, RCPT, DATA,
 * RSET, NOOP, QUIT, no TLS and no auth. `failNext(n)` answers the next n messages' DATA with a
 * temporary failure (451), as a busy server would.
 */
export function smtpSink() {
  const messages: SunkMessage[] = [];
  let failures = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    const reply = (line: string) => socket.write(`${line}\r\n`);
    let buffer = "";
    let inData = false;
    let mail: SunkMessage = { from: "", to: [], data: "" };
    reply("220 sink.localhost ESMTP test sink");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\r\n"); end >= 0; end = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line !== ".") {
            mail.data += `${line.startsWith("..") ? line.slice(1) : line}\n`;
            continue;
          }
          inData = false;
          if (failures > 0) {
            failures--;
            reply("451 4.3.0 Mailbox busy, try again later");
          } else {
            messages.push(mail);
            reply("250 2.0.0 Queued");
          }
          mail = { from: "", to: [], data: "" };
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        const address = () => /<([^>]*)>/.exec(line)?.[1] ?? "";
        if (verb === "EHLO") {
          reply("250-sink.localhost");
          reply("250 8BITMIME");
        } else if (verb === "HELO") reply("250 sink.localhost");
        else if (verb === "MAIL") {
          mail.from = address();
          reply("250 2.1.0 OK");
        } else if (verb === "RCPT") {
          mail.to.push(address());
          reply("250 2.1.5 OK");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (verb === "RSET") {
          mail = { from: "", to: [], data: "" };
          reply("250 2.0.0 OK");
        } else if (verb === "NOOP") reply("250 2.0.0 OK");
        else if (verb === "QUIT") {
          reply("221 2.0.0 Bye");
          socket.end();
        } else reply("502 5.5.1 Not implemented");
      }
    });
  });
  return {
    messages,
    failNext: (n: number) => (failures = n),
    /** Starts listening; resolves to the SMTP_URL to use. */
    start: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`smtp://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
