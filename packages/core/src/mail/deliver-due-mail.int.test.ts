import { getPrisma } from "@helpline/db";
import { unique } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueMail } from "./deliver-due-mail.ts";
import { enqueueMail } from "./enqueue-mail.ts";
import { createMailTransport } from "./mail-transport.ts";
import { SmtpSink } from "../testing/smtp-sink.ts";

const sink = new SmtpSink();
let url = "";
beforeAll(async () => {
  url = await sink.start();
});
afterAll(() => sink.stop());

const mail = () => ({
  kind: "identity",
  to: { name: null, address: `${unique("user")}@example.test` },
  subject: "Your Helpline confirmation token",
  text: "Your token:\nK7Q-4MZ-92X\n",
  html: "<p>Your token: <b>K7Q-4MZ-92X</b></p>",
});
// Only this test's recipient: other test files may have mail of their own waiting.
const deliverAll = async (transport: ReturnType<typeof createMailTransport>, to: string) => {
  while ((await deliverDueMail({ transport, to })).delivered > 0);
};

describe("the outbox", () => {
  it("delivers through a real SMTP relay: subject, text and HTML arrive; the bodies are then dropped", async () => {
    const transport = createMailTransport({
      mode: "smtp",
      url,
      from: "Helpline <helpdesk@example.test>",
      replyTo: "helpdesk@example.test",
    });
    const message = mail();
    const { id } = await getPrisma().$transaction((tx) => enqueueMail(tx, message));
    await deliverAll(transport, message.to.address);
    const received = sink.messages.filter(
      (parsed) => parsed.to && JSON.stringify(parsed.to).includes(message.to.address),
    );
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe(message.subject);
    expect(received[0]!.text).toContain("\nK7Q-4MZ-92X\n");
    expect(received[0]!.html).toContain("<b>K7Q-4MZ-92X</b>");
    expect(received[0]!.from?.text).toContain("helpdesk@example.test");
    expect(await getPrisma().outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "sent",
      attempts: 1,
      text: null,
      html: null,
    });
    transport.close();
  });

  it("keeps the mail while the relay is down and delivers it exactly once when it is back", async () => {
    const transport = createMailTransport({
      mode: "smtp",
      url,
      from: "Helpline <helpdesk@example.test>",
      replyTo: "helpdesk@example.test",
    });
    const message = mail();
    const { id } = await getPrisma().$transaction((tx) => enqueueMail(tx, message));
    await sink.stop();
    await deliverDueMail({ transport, to: message.to.address });
    const waiting = await getPrisma().outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting.lastError).toBeTruthy();
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    await sink.start();
    await getPrisma().outboxMessage.update({ where: { id }, data: { nextAttemptAt: new Date() } }); // the backoff has passed
    await deliverAll(transport, message.to.address);
    await deliverAll(transport, message.to.address);
    expect(sink.messages.filter((parsed) => JSON.stringify(parsed.to).includes(message.to.address))).toHaveLength(1);
    expect(await getPrisma().outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "sent",
      attempts: 2,
    });
    transport.close();
  });

  // Several serving processes drain one outbox. Races show only on PostgreSQL; on PGlite these
  // check the same rules one transaction at a time.
  it("two processes draining at once send each of 30 mails exactly once", async () => {
    const transports = [0, 1].map(() =>
      createMailTransport({
        mode: "smtp",
        url,
        from: "Helpline <helpdesk@example.test>",
        replyTo: "helpdesk@example.test",
      }),
    );
    const to = mail().to.address;
    for (let index = 0; index < 30; index++)
      await getPrisma().$transaction((tx) =>
        enqueueMail(tx, { ...mail(), to: { name: null, address: to }, subject: `Mail ${index}` }),
      );
    await Promise.all(transports.map((transport) => deliverAll(transport, to)));
    const subjects = sink.messages
      .filter((parsed) => JSON.stringify(parsed.to).includes(to))
      .map((parsed) => parsed.subject);
    expect(subjects.sort()).toEqual(Array.from({ length: 30 }, (_, index) => `Mail ${index}`).sort());
    expect(await getPrisma().outboxMessage.count({ where: { to, status: "sent", attempts: 1 } })).toBe(30);
    for (const transport of transports) transport.close();
  });

  it("while a slow relay holds one process's send, another process a minute later does not send the same mail again", async () => {
    const relay = createMailTransport({
      mode: "smtp",
      url,
      from: "Helpline <helpdesk@example.test>",
      replyTo: "helpdesk@example.test",
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let sending!: () => void;
    const started = new Promise<void>((resolve) => (sending = resolve));
    const slow = {
      ...relay,
      send: async (message: Parameters<typeof relay.send>[0]) => {
        sending();
        await held;
        await relay.send(message);
      },
    };
    const to = mail().to.address;
    for (let index = 0; index < 5; index++)
      await getPrisma().$transaction((tx) =>
        enqueueMail(tx, { ...mail(), to: { name: null, address: to }, subject: `Slow ${index}` }),
      );
    const now = new Date();
    const first = deliverDueMail({ transport: slow, to, now });
    await started;
    await deliverDueMail({ transport: relay, to, now: new Date(now.getTime() + 61_000) });
    release();
    await first;
    const subjects = sink.messages
      .filter((parsed) => JSON.stringify(parsed.to).includes(to))
      .map((parsed) => parsed.subject);
    expect(subjects.sort()).toEqual(["Slow 0", "Slow 1", "Slow 2", "Slow 3", "Slow 4"]);
    relay.close();
  });

  it("with the built-in catcher, mail is captured with its bodies for the Outbox", async () => {
    const transport = createMailTransport({
      mode: "catcher",
      from: "Helpline <helpdesk@example.test>",
      replyTo: "helpdesk@example.test",
    });
    const message = mail();
    const { id } = await getPrisma().$transaction((tx) => enqueueMail(tx, message));
    await deliverAll(transport, message.to.address);
    expect(await getPrisma().outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "captured",
      text: message.text,
      html: message.html,
    });
  });
});
