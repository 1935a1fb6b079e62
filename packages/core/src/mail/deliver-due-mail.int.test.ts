import { getPrisma } from "@helpline/db";
import { unique } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueMail } from "./deliver-due-mail.ts";
import { enqueueMail } from "./enqueue-mail.ts";
import { createMailTransport } from "./mail-transport.ts";
import { SmtpSink } from "./smtp-sink.ts";

const sink = new SmtpSink();
let url = "";
beforeAll(async () => {
  url = await sink.start();
});
afterAll(() => sink.stop());

const mail = () => ({ to: `${unique("user")}@example.test`, subject: "Your Helpline confirmation token", text: "Your token:\nK7Q-4MZ-92X\n", html: "<p>Your token: <b>K7Q-4MZ-92X</b></p>" });
// Only this test's recipient: other test files may have mail of their own waiting.
const deliverAll = async (transport: ReturnType<typeof createMailTransport>, to: string) => {
  while ((await deliverDueMail({ transport, to })).delivered > 0);
};

describe("the outbox", () => {
  it("delivers through a real SMTP relay: subject, text and HTML arrive; the bodies are then dropped", async () => {
    const transport = createMailTransport({ mode: "smtp", url, from: "Helpline <helpdesk@example.test>" });
    const message = mail();
    const { id } = await getPrisma().$transaction((tx) => enqueueMail(tx, message));
    await deliverAll(transport, message.to);
    const received = sink.messages.filter((parsed) => parsed.to && JSON.stringify(parsed.to).includes(message.to));
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe(message.subject);
    expect(received[0]!.text).toContain("\nK7Q-4MZ-92X\n");
    expect(received[0]!.html).toContain("<b>K7Q-4MZ-92X</b>");
    expect(received[0]!.from?.text).toContain("helpdesk@example.test");
    expect(await getPrisma().outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent", attempts: 1, text: null, html: null });
    transport.close();
  });

  it("keeps the mail while the relay is down and delivers it exactly once when it is back", async () => {
    const transport = createMailTransport({ mode: "smtp", url, from: "Helpline <helpdesk@example.test>" });
    const message = mail();
    const { id } = await getPrisma().$transaction((tx) => enqueueMail(tx, message));
    await sink.stop();
    await deliverDueMail({ transport, to: message.to });
    const waiting = await getPrisma().outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting.lastError).toBeTruthy();
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    await sink.start();
    await getPrisma().outboxMessage.update({ where: { id }, data: { nextAttemptAt: new Date() } }); // the backoff has passed
    await deliverAll(transport, message.to);
    await deliverAll(transport, message.to);
    expect(sink.messages.filter((parsed) => JSON.stringify(parsed.to).includes(message.to))).toHaveLength(1);
    expect(await getPrisma().outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent", attempts: 2 });
    transport.close();
  });

  it("with the built-in catcher, mail is captured with its bodies for the Outbox", async () => {
    const transport = createMailTransport({ mode: "catcher", from: "Helpline <helpdesk@example.test>" });
    const message = mail();
    const { id } = await getPrisma().$transaction((tx) => enqueueMail(tx, message));
    await deliverAll(transport, message.to);
    expect(await getPrisma().outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "captured", text: message.text, html: message.html });
  });
});
