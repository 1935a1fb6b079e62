import net from "node:net";

/** The e2e server's inbound SMTP listener (scripts/serve-e2e.ts): the e2e port + 25 unless set. */
export const E2E_INBOUND_SMTP_PORT = Number(
  process.env.HELPLINE_E2E_INBOUND_SMTP_PORT || Number(process.env.HELPLINE_E2E_PORT ?? 3100) + 25,
);

/**
 * Delivers one plain-text mail to an SMTP server the way any mail program does (RFC 5321: EHLO,
 * MAIL FROM, RCPT TO, DATA), over a bare socket, so the browser tests need no mail library of their
 * own. Rejects with the server's reply when a step is refused. Returns the Message-ID it sent.
 */
export async function deliverMail(mail: {
  port: number;
  from: string;
  to: string;
  subject: string;
  text: string;
}): Promise<string> {
  const messageId = `${Date.now()}.${Math.random().toString(36).slice(2)}@sender.e2e.test`;
  const message = [
    `From: ${mail.from}`,
    `To: ${mail.to}`,
    `Subject: ${mail.subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${messageId}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    // Dot-stuffing (RFC 5321 §4.5.2): a line starting with "." gets another.
    ...mail.text.split("\n").map((line) => (line.startsWith(".") ? `.${line}` : line)),
  ].join("\r\n");
  const socket = net.connect(mail.port, "127.0.0.1");
  socket.setEncoding("utf8");
  let buffered = "";
  const waiting: ((reply: string) => void)[] = [];
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    // A reply ends with a line "NNN text" (a "NNN-text" line means more follows).
    for (let match = /^\d{3} .*\r\n/m.exec(buffered); match; match = /^\d{3} .*\r\n/m.exec(buffered)) {
      const end = match.index + match[0].length;
      const reply = buffered.slice(0, end);
      buffered = buffered.slice(end);
      waiting.shift()?.(reply);
    }
  });
  const failed = new Promise<never>((_, reject) => socket.once("error", reject));
  const reply = () => Promise.race([new Promise<string>((resolve) => waiting.push(resolve)), failed]);
  const step = async (command: string | null, expected: string) => {
    const answer = reply();
    if (command !== null) socket.write(`${command}\r\n`);
    const text = await answer;
    if (!text.split("\r\n").at(-2)?.startsWith(expected)) throw new Error(`SMTP ${command ?? "greeting"}: ${text}`);
  };
  try {
    await step(null, "220");
    await step("EHLO sender.e2e.test", "250");
    await step(`MAIL FROM:<${mail.from.replace(/^.*<|>$/g, "")}>`, "250");
    await step(`RCPT TO:<${mail.to}>`, "250");
    await step("DATA", "354");
    await step(`${message}\r\n.`, "250");
    await step("QUIT", "221");
  } finally {
    socket.end();
  }
  return messageId;
}
