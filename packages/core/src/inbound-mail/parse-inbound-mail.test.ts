import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { parseInboundMail, safeFileName } from "./parse-inbound-mail.ts";

const DOMAIN = "help.example.com";
const parse = (raw: string, maxBytes = 1024 * 1024) => parseInboundMail(Buffer.from(raw), { maxBytes, domain: DOMAIN });
const mail = (headers: string, body = "Hello.") =>
  `From: Jane <jane@contoso.example>\nTo: support@${DOMAIN}\nSubject: Test\nMessage-ID: <m1@contoso.example>\n${headers}\n\n${body}\n`;

const multipart = (subtype: string, parts: string[]) =>
  `From: a@b.example\nSubject: parts\nMIME-Version: 1.0\nContent-Type: multipart/${subtype}; boundary="p"\n\n` +
  parts.map((part) => `--p\n${part}\n`).join("") +
  "--p--\n";

describe("parseInboundMail", () => {
  it("refuses a mail larger than maxBytes with a 413", async () => {
    const raw = mail("", "x".repeat(2000));
    await expect(parse(raw, 1000)).rejects.toMatchObject({ code: "mail_too_large", status: 413 });
    await expect(parse(raw, 1000)).rejects.toBeInstanceOf(DomainError);
    await expect(parse(raw, 5000)).resolves.toMatchObject({ messageId: "m1@contoso.example" });
  });

  it("keys a mail without Message-ID by the SHA-256 of its raw bytes", async () => {
    const raw = "From: a@b.example\nSubject: no id\n\nbody\n";
    const parsed = await parse(raw);
    expect(parsed.messageId).toBeNull();
    expect(parsed.dedupeKey).toBe(`sha256:${createHash("sha256").update(raw).digest("hex")}`);
  });

  it("keys a mail by the hash of its bytes when its Message-ID is too long to index", async () => {
    const id = `${"x".repeat(300)}@contoso.example`;
    const raw = mail("").replace("<m1@contoso.example>", `<${id}>`);
    const parsed = await parse(raw);
    expect(parsed.messageId).toBe(id);
    expect(parsed.dedupeKey).toBe(`sha256:${createHash("sha256").update(raw).digest("hex")}`);
  });

  it("reads ids without angle brackets, in order, once each", async () => {
    const parsed = await parse(
      mail("In-Reply-To: <a@x.example> (comment)\nReferences: <r1@x.example>\n <r2@x.example> <r1@x.example>"),
    );
    expect(parsed.inReplyTo).toEqual(["a@x.example"]);
    expect(parsed.references).toEqual(["r1@x.example", "r2@x.example"]);
  });

  it("reads what it can of a message that is not one", async () => {
    const parsed = await parseInboundMail(Buffer.from([0, 255, 13, 10, 13, 10, 1, 2, 3, 58, 10]), {
      maxBytes: 100,
      domain: DOMAIN,
    });
    expect(parsed).toMatchObject({ messageId: null, from: null, subject: "", title: "(no subject)", attachments: [] });
  });

  it("lower-cases and trims addresses, keeps +tags, and survives a mail without From or Date", async () => {
    const parsed = await parse(mail('Cc: "Doe, Jane" <  Jane.Doe+Billing@Contoso.Example >'));
    expect(parsed.cc).toEqual([{ name: "Doe, Jane", address: "jane.doe+billing@contoso.example" }]);
    const bare = await parse("Subject: x\nDate: not a date\n\nbody\n");
    expect(bare.from).toBeNull();
    expect(bare.sentAt).toBeNull();
    expect(bare.to).toEqual([]);
  });

  it("takes text/plain when there is one, the HTML as text otherwise, without script or style", async () => {
    const html = await parse(
      mail(
        "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8",
        '<style>.a{color:red}</style><script>steal()</script><p>See <a href="https://x.example/a">the page</a> and <a href="https://x.example/b">https://x.example/b</a></p><img src="cid:logo">',
      ),
    );
    expect(html.text).toBe("See the page <https://x.example/a> and https://x.example/b");
    expect(html.fullText).toBe(html.text);
  });

  describe("automatic mail", () => {
    it.each([
      ["Auto-Submitted: auto-generated", "Auto-Submitted: auto-generated (sent by a program)"],
      ["Auto-Submitted: auto-notified; owner-email=x@y", "Auto-Submitted: auto-notified (a delivery notification)"],
      ["Precedence: junk", "Precedence: junk (bulk mail)"],
      ["X-Autorespond: vacation", "X-Autorespond: vacation (an automatic reply)"],
      ["List-Id: <it.lists.example>", "List-Id: <it.lists.example> (a mailing list)"],
      ["List-Unsubscribe: <https://x.example/u>", "List-Unsubscribe (a mailing list or newsletter)"],
      ["Return-Path: < >", "Return-Path: <> (the null sender of bounces and automatic replies)"],
      ["X-Helpline-Loop: other.example", "X-Helpline-Loop header: Helpline's own mail came back"],
    ])("%s is automatic", async (header, reason) => {
      expect((await parse(mail(header))).automatic).toEqual({ reason });
    });

    it.each(["Auto-Submitted: no", "Precedence: normal", "Precedence: first-class", `In-Reply-To: <x@${DOMAIN}>`, ""])(
      "%j is a person's mail",
      async (header) => {
        expect((await parse(mail(header))).automatic).toBeNull();
      },
    );

    it.each(["noreply", "no-reply", "do-not-reply", "donotreply", "postmaster", "Mailer-Daemon", "bounces+123"])(
      "a sender %s@… is automatic",
      async (local) => {
        const parsed = await parse(`From: ${local}@vendor.example\nSubject: x\n\nbody\n`);
        expect(parsed.automatic?.reason).toContain("does not read replies");
      },
    );

    it("takes a Message-ID under our domain (any case) as our own mail, a subdomain's not", async () => {
      const own = await parse(`From: a@b.example\nMessage-ID: <abc@Help.Example.com>\n\nx\n`);
      expect(own.automatic?.reason).toContain("Message-ID under our own domain");
      const other = await parse(`From: a@b.example\nMessage-ID: <abc@mail.help.example.com>\n\nx\n`);
      expect(other.automatic).toBeNull();
    });
  });

  describe("delivery reports", () => {
    const report = (action: string, returned: string) => `From: MAILER-DAEMON@mx.example
To: support@${DOMAIN}
Subject: Delivery Status Notification
Message-ID: <dsn1@mx.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

Delivery to the following recipients failed.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns;mx.example

Final-Recipient: rfc822;First@Contoso.example
Action: ${action}
Status: 5.2.2
Diagnostic-Code: smtp;552 5.2.2 Mailbox full

Final-Recipient: rfc822;second@contoso.example
Action: failed
Status: 5.1.1

--b1
${returned}
--b1--
`;

    it("names the failed recipients, the reasons and the returned message's id (message/rfc822)", async () => {
      const parsed = await parse(
        report(
          "failed",
          `Content-Type: message/rfc822\n\nFrom: support@${DOMAIN}\nMessage-ID: <sent-9@${DOMAIN}>\nSubject: [#9] x\n\nOriginal body\n`,
        ),
      );
      expect(parsed.bounce).toEqual({
        recipients: ["first@contoso.example", "second@contoso.example"],
        reason: "552 5.2.2 Mailbox full; 5.1.1",
      });
      expect(parsed.references).toEqual([`sent-9@${DOMAIN}`]);
      expect(parsed.text).toBe("Delivery to the following recipients failed.");
      expect(parsed.fullText).toContain("Final-Recipient: rfc822;First@Contoso.example");
      expect(parsed.automatic).toEqual({ reason: "a delivery report (multipart/report)" });
      expect(parsed.attachments).toEqual([]);
    });

    it("is no bounce when no recipient failed (a delay), but still automatic", async () => {
      const parsed = await parse(
        report("delayed", "Content-Type: text/plain\n\nnothing").replace("Action: failed", "Action: delayed"),
      );
      expect(parsed.bounce).toBeNull();
      expect(parsed.automatic).not.toBeNull();
    });
  });

  describe("attachments", () => {
    it("sanitises file names", () => {
      expect(safeFileName("..\\..\\windows\\boot.ini")).toBe("boot.ini");
      expect(safeFileName("/etc/passwd")).toBe("passwd");
      expect(safeFileName("...hidden")).toBe("hidden");
      expect(safeFileName('a<b>c:"d|e?f*g\u0001.txt')).toBe("a_b_c__d_e_f_g_.txt");
      expect(safeFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
      expect(safeFileName("رسالة.pdf")).toBe("رسالة.pdf");
      expect(safeFileName(undefined)).toBe("attachment");
      expect(safeFileName("   ")).toBe("attachment");
      const long = safeFileName(`${"x".repeat(300)}.pdf`);
      expect(long).toHaveLength(200);
      expect(long.endsWith(".pdf")).toBe(true);
    });

    it("marks as inline only images the HTML shows by cid:", async () => {
      const image = (id: string) =>
        `Content-Type: image/png\nContent-ID: <${id}@x>\nContent-Disposition: inline; filename="${id}.png"\nContent-Transfer-Encoding: base64\n\nAAEC`;
      const raw = multipart("related", [
        'Content-Type: text/html\n\n<p>Look: <img src="cid:Shown@x"></p>',
        image("shown"),
        image("hidden"),
      ]);
      const parsed = await parse(raw);
      expect(parsed.attachments.map(({ name, contentId, inline }) => ({ name, contentId, inline }))).toEqual([
        { name: "shown.png", contentId: "shown@x", inline: true },
        { name: "hidden.png", contentId: "hidden@x", inline: false },
      ]);
      expect(parsed.attachments[0]!.data).toEqual(Buffer.from([0, 1, 2]));
    });

    it("notes a TNEF part by its type even under another name", async () => {
      const raw = multipart("mixed", [
        "Content-Type: text/plain\n\nOffer attached.",
        'Content-Type: application/vnd.ms-tnef; name="ATT00001.dat"\nContent-Disposition: attachment; filename="ATT00001.dat"\nContent-Transfer-Encoding: base64\n\neJ8+IgEAAQaQCAAEAAAAAAAB',
      ]);
      const parsed = await parse(raw);
      expect(parsed.attachments).toEqual([]);
      expect(parsed.notes).toHaveLength(1);
    });
  });

  it("reads the test-mail token", async () => {
    expect((await parse(mail("X-Helpline-Test-Mail:  tm-42 "))).testMailToken).toBe("tm-42");
    expect((await parse(mail(""))).testMailToken).toBeNull();
  });
});
