import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { getPrisma } from "@helpline/db";
import { createCustomerRow, unique } from "@helpline/db/testing";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ingestMail } from "./ingest-mail.ts";
import { SMTP_MAX_CLIENTS, SmtpChannel } from "./smtp-channel.ts";

// The inbound SMTP channel on a free port of 127.0.0.1, the real ingest on this run's database,
// real clients: nodemailer and swaks (Debian's, /usr/bin/swaks).
const SUPPORT = "helpdesk@support.example.test";
const MAX_BYTES = 64 * 1024;
const tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-smtp-tls-"));
let plain: SmtpChannel;
let withTls: SmtpChannel;

beforeAll(async () => {
  // A throw-away self-signed certificate, as an MSP would give its own by path.
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-keyout",
      path.join(tlsDir, "key.pem"),
      "-out",
      path.join(tlsDir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  const common = { host: "127.0.0.1", port: 0, recipients: [SUPPORT], maxBytes: MAX_BYTES, ingest: ingestMail };
  plain = new SmtpChannel({ ...common, tls: null });
  withTls = new SmtpChannel({
    ...common,
    tls: { certPath: path.join(tlsDir, "cert.pem"), keyPath: path.join(tlsDir, "key.pem") },
  });
  await plain.start();
  await withTls.start();
});
afterAll(async () => {
  await plain.stop();
  await withTls.stop();
  fs.rmSync(tlsDir, { recursive: true, force: true });
});

async function contactEmail() {
  const customer = await createCustomerRow();
  const email = `${unique("user")}@customer.example.test`;
  await getPrisma().contact.create({ data: { customerId: customer.id, fullName: "Jane Doe", email } });
  return { customer, email };
}

function send(port: number, mail: SendMailOptions, options: { requireTLS?: boolean } = {}) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ...(options.requireTLS ? { requireTLS: true, tls: { rejectUnauthorized: false } } : { ignoreTLS: true }),
  });
  return transport.sendMail(mail).finally(() => transport.close());
}

// Asynchronous: the server under test runs in this process and must keep answering meanwhile.
/** swaks from `from` to the support address on `port`, with `args` after. */
function swaksToSupport(port: number, from: string, args: string[]) {
  return swaks(["--port", String(port), "--from", from, "--to", SUPPORT, ...args]);
}

function swaks(args: string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      "/usr/bin/swaks",
      ["--server", "127.0.0.1", "--helo", "client.example.test", ...args],
      { encoding: "utf8", timeout: 20_000 },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe("inbound SMTP channel", () => {
  it("a mail delivered with nodemailer becomes a ticket, answered 250 only once it is stored", async () => {
    const { customer, email } = await contactEmail();
    const messageId = `${unique("m")}@client.example.test`;
    const info = await send(plain.port, {
      from: { name: "Jane Doe", address: email },
      to: "HelpDesk@Support.Example.Test",
      subject: "Laptop will not start",
      text: "It beeps three times.",
      messageId: `<${messageId}>`,
    });
    expect(info.response).toMatch(/^250/);
    // 250 came after the store: the row is there without waiting.
    const stored = await getPrisma().inboundMail.findUniqueOrThrow({ where: { dedupeKey: messageId } });
    expect(stored).toMatchObject({ outcome: "created", via: "smtp" });
    const ticket = await getPrisma().ticket.findUniqueOrThrow({ where: { id: stored.ticketId! } });
    expect(ticket).toMatchObject({ customerId: customer.id, title: "Laptop will not start" });
  });

  it("a mail delivered with swaks becomes a ticket; the banner names the product", async () => {
    const { email } = await contactEmail();
    const messageId = `${unique("swaks")}@client.example.test`;
    const result = await swaksToSupport(plain.port, email, [
      "--header",
      "Subject: Monitor flickers",
      "--header",
      `Message-Id: <${messageId}>`,
      "--body",
      "Since this morning.",
    ]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/220 .*Helpline/);
    const stored = await getPrisma().inboundMail.findUniqueOrThrow({ where: { dedupeKey: messageId } });
    expect(stored.outcome).toBe("created");
  });

  it("refuses a recipient that is not a support address with 550 5.1.1, and stores nothing", async () => {
    const { email } = await contactEmail();
    const messageId = `${unique("stranger")}@client.example.test`;
    const error = await send(plain.port, {
      from: email,
      to: "someone-else@support.example.test",
      subject: "Hi",
      text: "x",
      messageId: `<${messageId}>`,
    }).then(
      () => null,
      (failure: { responseCode?: number; response?: string }) => failure,
    );
    expect(error?.responseCode).toBe(550);
    expect(error?.response).toContain("5.1.1");
    expect(await getPrisma().inboundMail.findUnique({ where: { dedupeKey: messageId } })).toBeNull();
  });

  it("refuses a message larger than INBOUND_MAIL_MAX_BYTES with 552 (SIZE announced, the data counted)", async () => {
    const { email } = await contactEmail();
    const ehlo = await swaksToSupport(plain.port, email, ["--quit-after", "EHLO"]);
    expect(ehlo.output, ehlo.output).toMatch(new RegExp(`250[- ]SIZE ${MAX_BYTES}`));
    const messageId = `${unique("big")}@client.example.test`;
    // swaks sends no SIZE= with MAIL FROM, so it is the data itself that runs over.
    const result = await swaksToSupport(plain.port, email, [
      "--header",
      `Message-Id: <${messageId}>`,
      "--body",
      "x".repeat(MAX_BYTES + 1000),
    ]);
    expect(result.output).toMatch(/<\*\* 552 /);
    expect(await getPrisma().inboundMail.findUnique({ where: { dedupeKey: messageId } })).toBeNull();
  });

  it("offers STARTTLS with the given certificate; mail sent over it becomes a ticket", async () => {
    const { email } = await contactEmail();
    const plainEhlo = await swaksToSupport(plain.port, email, ["--quit-after", "EHLO"]);
    expect(plainEhlo.output).not.toContain("STARTTLS");
    const messageId = `${unique("tls")}@client.example.test`;
    const result = await swaks([
      "--port",
      String(withTls.port),
      "--tls",
      "--from",
      email,
      "--to",
      SUPPORT,
      "--header",
      "Subject: Over TLS",
      "--header",
      `Message-Id: <${messageId}>`,
      "--body",
      "Encrypted.",
    ]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain("TLS started");
    const viaNodemailer = `${unique("tls")}@client.example.test`;
    await send(
      withTls.port,
      { from: email, to: SUPPORT, subject: "Also TLS", text: "y", messageId: `<${viaNodemailer}>` },
      { requireTLS: true },
    );
    const stored = await getPrisma().inboundMail.findMany({ where: { dedupeKey: { in: [messageId, viaNodemailer] } } });
    expect(stored).toHaveLength(2);
  });

  it(`answers 421 to a connection past ${SMTP_MAX_CLIENTS} at once, and takes mail again once they are gone`, async () => {
    const session = await rawSession(plain.port);
    expect(session.greeting).toMatch(/^220/);
    const idle = [session];
    try {
      while (idle.length < SMTP_MAX_CLIENTS) idle.push(await rawSession(plain.port));
      const refused = await rawSession(plain.port);
      expect(refused.greeting).toMatch(/^421/);
      refused.close();
    } finally {
      for (const client of idle) client.close();
    }
    // The server sees the sockets close a moment later.
    await vi.waitFor(() => send(plain.port, { from: "a@b.test", to: SUPPORT, subject: "after the flood", text: "x" }), {
      timeout: 10_000,
      interval: 200,
    });
  });
});

/** A bare SMTP connection: its greeting, then one command at a time and the server's last reply line. */
async function rawSession(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  let buffer = "";
  let waiting: (() => void) | null = null;
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    waiting?.();
  });
  socket.on("error", () => undefined);
  // A reply is complete at a line "NNN text" (a space after the code, RFC 5321 §4.2.1).
  const reply = () =>
    new Promise<string>((resolve) => {
      const check = () => {
        const lines = buffer.split("\r\n");
        const last = lines.findIndex((line) => /^\d{3} /.test(line));
        if (last === -1) return;
        waiting = null;
        buffer = lines.slice(last + 1).join("\r\n");
        resolve(lines[last]!);
      };
      waiting = check;
      check();
    });
  const greeting = await reply();
  return {
    greeting,
    command: (line: string) => {
      socket.write(`${line}\r\n`);
      return reply();
    },
    close: () => socket.destroy(),
  };
}
