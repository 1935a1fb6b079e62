import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ParsedInboundMail } from "../parse-inbound-mail.ts";

/**
 * The values a corpus file's placeholders are replaced with at load time. `SENT_MESSAGE_ID` is an
 * id Helpline sent for ticket `TICKET_NUMBER` (without angle brackets; the files add them),
 * `CONTACT_EMAIL` a contact of that ticket's customer (the ticket's own contact), `STRANGER_EMAIL`
 * an address no contact has, `DOMAIN` this Helpline's `mailDomain()`, `UNIQUE` a value unique per
 * load (it goes into Message-IDs, so each load is a new mail; a random UUID when not given).
 */
export type CorpusValues = {
  TICKET_NUMBER: number;
  SENT_MESSAGE_ID: string;
  CONTACT_EMAIL: string;
  STRANGER_EMAIL: string;
  DOMAIN: string;
  UNIQUE?: string;
};

/**
 * What the database must hold before a file is ingested (every scene has the contact
 * CONTACT_EMAIL with its customer, and unknown senders set to "create" unless said otherwise):
 * - `new-contact`: nothing else; the mail names no ticket.
 * - `new-stranger`: nothing else; the sender is STRANGER_EMAIL.
 * - `reply`: an open ticket TICKET_NUMBER of CONTACT_EMAIL whose sent mail SENT_MESSAGE_ID is in the
 *   thread index; the mail refers to it by In-Reply-To/References.
 * - `closed-ticket`: as `reply`, but the ticket is Closed.
 * - `tag-contact`: the ticket of `reply`, but the mail has only the subject tag `[#TICKET_NUMBER]`.
 * - `tag-stranger`: the ticket of `reply`; STRANGER_EMAIL guesses its tag (it must not get in).
 * - `automatic`: nothing else; a program's mail that names no ticket.
 * - `own-mail`: Helpline's own mail come back (loop header or Message-ID under DOMAIN).
 * - `bounce`: the ticket of `reply`; the mail is a delivery report for SENT_MESSAGE_ID, sent to
 *   CONTACT_EMAIL, which bounced.
 * - `test-mail`: Settings ▸ Email's test mail (header X-Helpline-Test-Mail: `tm-<UNIQUE>`).
 */
export type CorpusScene =
  | "new-contact"
  | "new-stranger"
  | "reply"
  | "closed-ticket"
  | "tag-contact"
  | "tag-stranger"
  | "automatic"
  | "own-mail"
  | "bounce"
  | "test-mail";

/**
 * The outcome ingest must give:
 * - `created`: a new ticket (for the contact's customer, or in Unassigned customers for a
 *   stranger; for `closed-ticket` a follow-up linked to the closed ticket);
 * - `appended`: a message on ticket TICKET_NUMBER;
 * - `appended-automatic`: a message on ticket TICKET_NUMBER, marked automatic: no receipt, no reply;
 * - `ignored`: stored as ignored mail, no ticket;
 * - `bounce`: CONTACT_EMAIL marked as bouncing, the report stored with the ticket;
 * - `test`: the test mail recognised by its token.
 */
export type CorpusExpectIngest = "created" | "appended" | "appended-automatic" | "ignored" | "bounce" | "test";

export type CorpusEntry = {
  /** The file name in this folder. */
  file: string;
  description: string;
  scene: CorpusScene;
  /** Fields `parseInboundMail` must return for the file loaded with these values (exact values). */
  expectParse: (values: CorpusValues & { UNIQUE: string }) => Partial<ParsedInboundMail>;
  expectIngest: CorpusExpectIngest;
};

const CORPUS_DIRECTORY = fileURLToPath(new URL(".", import.meta.url));

/**
 * A corpus file as a raw message, its placeholders (`{{TICKET_NUMBER}}`, `{{SENT_MESSAGE_ID}}`,
 * `{{CONTACT_EMAIL}}`, `{{STRANGER_EMAIL}}`, `{{DOMAIN}}`, `{{UNIQUE}}`) replaced by `values`.
 * The file's bytes are kept as they are (several files are deliberately not UTF-8); the values are
 * written as UTF-8. Returns the values used, UNIQUE included.
 */
export function loadCorpusMail(
  file: string,
  values: CorpusValues,
): { raw: Buffer; values: CorpusValues & { UNIQUE: string } } {
  const used = { ...values, UNIQUE: values.UNIQUE ?? randomUUID() };
  let text = readFileSync(`${CORPUS_DIRECTORY}${file}`).toString("latin1");
  for (const [name, value] of Object.entries(used)) {
    text = text.replaceAll(`{{${name}}}`, Buffer.from(String(value), "utf8").toString("latin1"));
  }
  return { raw: Buffer.from(text, "latin1"), values: used };
}

const contact = (v: CorpusValues, name: string) => ({ address: v.CONTACT_EMAIL.toLowerCase(), name });
const support = (v: CorpusValues, name: string | null = null) => ({ address: `support@${v.DOMAIN}`, name });

export const CORPUS: CorpusEntry[] = [
  {
    file: "outlook-desktop-reply.eml",
    description: "Outlook 16 (desktop) reply: From/Sent/To/Subject header block under the answer, CRLF",
    scene: "reply",
    expectIngest: "appended",
    expectParse: (v) => ({
      messageId: `AM7PR03MB6547A1B2C3D4E5F6${v.UNIQUE}@AM7PR03MB6547.eurprd03.prod.outlook.com`,
      inReplyTo: [v.SENT_MESSAGE_ID],
      references: [v.SENT_MESSAGE_ID],
      from: contact(v, "Jane Doe"),
      to: [support(v, "Helpline Support")],
      title: "Printer on 2nd floor prints blank pages",
      tagNumber: v.TICKET_NUMBER,
      sentAt: new Date("2026-12-01T08:31:10Z"),
      text: "Hi,\n\nI swapped the toner as you suggested and the printer works again.\n\nThanks a lot!\nJane",
      automatic: null,
      bounce: null,
    }),
  },
  {
    file: "outlook-owa-reply.eml",
    description: "Outlook on the web, HTML only: <hr> and the divRplyFwdMsg header block; a display name with a comma",
    scene: "reply",
    expectIngest: "appended",
    expectParse: (v) => ({
      from: contact(v, "Doe, Jane (IT)"),
      title: "VPN drops every 10 minutes",
      tagNumber: v.TICKET_NUMBER,
      text: "Still happening after the update. It dropped at 10:40 and 10:50 today.",
      automatic: null,
    }),
  },
  {
    file: "outlook-french-reply.eml",
    description:
      "French Outlook: 'RE :' with a no-break space, 'De : … Envoyé : … Objet :' block, ISO-8859-1 quoted-printable",
    scene: "reply",
    expectIngest: "appended",
    expectParse: (v) => ({
      from: contact(v, "Françoise Lefèvre"),
      subject: `RE\u00a0: [#${v.TICKET_NUMBER}] Imprimante bloquée`,
      title: "Imprimante bloquée",
      tagNumber: v.TICKET_NUMBER,
      text: "Bonjour,\n\nL'imprimante est toujours bloquée, même après le redémarrage.\n\nCordialement,\nFrançoise",
    }),
  },
  {
    file: "outlook-german-original-message.eml",
    description: "German Outlook: 'AW:' and '-----Ursprüngliche Nachricht-----' with Von/Gesendet/An/Betreff",
    scene: "reply",
    expectIngest: "appended",
    expectParse: (v) => ({
      title: "Laufwerk S: nicht erreichbar",
      tagNumber: v.TICKET_NUMBER,
      text: "Hallo,\n\njetzt geht es wieder. Vielen Dank für die schnelle Hilfe!\n\nGrüße\nMax",
    }),
  },
  {
    file: "gmail-reply.eml",
    description: "Gmail reply: text and HTML, the 'On … wrote:' line wrapped over two lines, '>' quotes",
    scene: "reply",
    expectIngest: "appended",
    expectParse: (v) => ({
      messageId: `CAKx7Qm1r${v.UNIQUE}+ZkQ8yW3tE@mail.gmail.com`,
      from: contact(v, "Tom Baker"),
      to: [support(v, "Helpline Support")],
      title: "Outlook keeps asking for my password",
      text: "Yes, it asked again this morning at 9:05.",
    }),
  },
  {
    file: "gmail-html-only-reply.eml",
    description: "Gmail, HTML only: the quote in div.gmail_quote, a narrow no-break space in the attribution",
    scene: "reply",
    expectIngest: "appended",
    expectParse: () => ({ text: "It works now, you can close this.\nTom" }),
  },
  {
    file: "apple-mail-reply.eml",
    description: "Apple Mail (iPhone) reply: '> On … at …, … wrote:' quoted attribution, Cc, Message-Id spelling",
    scene: "reply",
    expectIngest: "appended",
    expectParse: (v) => ({
      messageId: `8F3E2A1B-4C5D-6E7F-8A9B-${v.UNIQUE}@contoso.example`,
      cc: [{ address: "office@contoso.example", name: "Office Manager" }],
      text: "Her name is Laura Weber, she starts on 7 December.\n\nSent from my iPhone",
    }),
  },
  {
    file: "apple-mail-html-only-reply.eml",
    description: "Apple Mail, HTML only: blockquote type=cite",
    scene: "reply",
    expectIngest: "appended",
    expectParse: () => ({ text: "She needs access to the shared drive too." }),
  },
  {
    file: "thunderbird-reply.eml",
    description: "Thunderbird reply, format=flowed: 'On 30/11/2026 16:01, … wrote:' and '>' quotes",
    scene: "reply",
    expectIngest: "appended",
    expectParse: () => ({ text: "The scans now land in the right folder. Perfect, thank you.\n\nPeter" }),
  },
  {
    file: "thunderbird-html-only-reply.eml",
    description: "Thunderbird, HTML only: div.moz-cite-prefix and blockquote type=cite",
    scene: "reply",
    expectIngest: "appended",
    expectParse: () => ({ text: "One more: the colour scans are still grey." }),
  },
  {
    file: "forwarded-gmail.eml",
    description:
      "A contact forwards a suspicious mail with Gmail ('Fwd:'): the forwarded part is the content and is kept",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: (v) => ({
      title: "Your mailbox is almost full",
      text: [
        "Can you have a look at this? Is it real?",
        "",
        "---------- Forwarded message ---------",
        "From: Microsoft 365 <no-reply@microsoft.example>",
        "Date: Mon, Nov 30, 2026 at 11:00 PM",
        "Subject: Your mailbox is almost full",
        `To: <${v.CONTACT_EMAIL}>`,
        "",
        "",
        "Your mailbox is 98% full. Delete items or ask your administrator for more space.",
      ].join("\n"),
      automatic: null,
    }),
  },
  {
    file: "forwarded-outlook.eml",
    description: "German Outlook forward ('WG:'): the Von/Gesendet block is the forwarded content and is kept",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: (v) => ({
      title: "Rechnung Dezember - Zahlung fehlgeschlagen",
      tagNumber: null,
      text: [
        "Ist das Phishing? Bitte prüfen.",
        "",
        "Max",
        "",
        "________________________________",
        "Von: Buchhaltung <billing@vendor.example>",
        "Gesendet: Montag, 30. November 2026 22:15",
        `An: Max Mustermann <${v.CONTACT_EMAIL}>`,
        "Betreff: Rechnung Dezember - Zahlung fehlgeschlagen",
        "",
        "Ihre Zahlung ist fehlgeschlagen. Bitte melden Sie sich unter http://pay.vendor.example an.",
      ].join("\n"),
    }),
  },
  {
    file: "html-only-new.eml",
    description: "A new request in HTML only: script and style dropped, link kept readable, tracking image dropped",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: () => ({
      title: "Teams camera not working",
      text: [
        "Camera problem",
        "",
        "Since this morning Teams shows a black picture.",
        "",
        "I followed this guide <https://support.example.com/teams-camera> without luck.",
        "",
        " * Laptop: LT-0042",
        " * Teams version 25.1",
        "",
        "Thanks, Laura",
      ].join("\n"),
    }),
  },
  {
    file: "encoded-headers-utf8.eml",
    description: "UTF-8 base64 encoded-words in From, To and Subject; a base64 UTF-8 body",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: (v) => ({
      from: contact(v, "Jürgen Müller-Lüdenscheidt"),
      to: [support(v, "Helpline Süpport")],
      subject: "Größere Festplatte für Büro-PC benötigt",
      text: "Die Festplatte im Büro-PC ist voll (nur noch 2 GB frei).\nKönnen Sie eine größere einbauen?\n\nGrüße\nJürgen",
    }),
  },
  {
    file: "encoded-headers-iso-8859-1.eml",
    description: "ISO-8859-1 Q encoded-words and an ISO-8859-1 quoted-printable body with guillemets",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: (v) => ({
      from: contact(v, "René Dupré"),
      title: "Accès au dossier partagé « Compta »",
      text: "Bonjour,\n\nje n'ai plus accès au dossier partagé « Compta » depuis ce matin.\n\nMerci d'avance,\nRené",
    }),
  },
  {
    file: "windows-1252-body.eml",
    description: "A Windows-1252 8bit body (curly quotes, en dash, euro sign, ellipsis) and a windows-1252 Q subject",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: () => ({
      title: "Invoice printer shows “Paper jam”",
      text: "The invoice printer says “Paper jam” – but there is no paper stuck.\nWe lost about €200 of forms already…\n\nSarah",
    }),
  },
  {
    file: "out-of-office-auto-submitted.eml",
    description: "An out-of-office reply with Auto-Submitted: auto-replied, threaded to our mail",
    scene: "reply",
    expectIngest: "appended-automatic",
    expectParse: (v) => ({
      inReplyTo: [v.SENT_MESSAGE_ID],
      automatic: { reason: "Auto-Submitted: auto-replied (an out-of-office or other automatic reply)" },
      bounce: null,
    }),
  },
  {
    file: "out-of-office-exchange.eml",
    description: "Exchange 'Automatische Antwort' with only X-Auto-Response-Suppress, ISO-8859-1 body, CRLF",
    scene: "reply",
    expectIngest: "appended-automatic",
    expectParse: (v) => ({
      tagNumber: v.TICKET_NUMBER,
      automatic: { reason: "X-Auto-Response-Suppress: All (Exchange marks its automatic mail so)" },
      text: "Ich bin bis 4. Dezember nicht im Büro. In dringenden Fällen wenden Sie sich bitte an die Zentrale.",
    }),
  },
  {
    file: "x-autoreply-vacation.eml",
    description: "A vacation program's reply marked only with X-Autoreply: yes",
    scene: "reply",
    expectIngest: "appended-automatic",
    expectParse: () => ({ automatic: { reason: "X-Autoreply: yes (an automatic reply)" } }),
  },
  {
    file: "dsn-bounce.eml",
    description: "Postfix delivery status notification (RFC 3464) for our mail to the contact: 550 5.1.1",
    scene: "bounce",
    expectIngest: "bounce",
    expectParse: (v) => ({
      from: { address: `mailer-daemon@mx.${v.DOMAIN}`, name: "Mail Delivery System" },
      references: [v.SENT_MESSAGE_ID],
      text: [
        "This is the mail system at host mx.example.",
        "",
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients.",
        "",
        `<${v.CONTACT_EMAIL}>: host mail.contoso.example[203.0.113.25] said: 550 5.1.1`,
        `    <${v.CONTACT_EMAIL}>: Recipient address rejected: User unknown`,
      ].join("\n"),
      automatic: { reason: "a delivery report (multipart/report)" },
      bounce: {
        recipients: [v.CONTACT_EMAIL.toLowerCase()],
        reason: `550 5.1.1 <${v.CONTACT_EMAIL}>: Recipient address rejected: User unknown`,
      },
      attachments: [],
    }),
  },
  {
    file: "mailing-list.eml",
    description: "A mailing-list post (List-Id, Precedence: list) to a list the support address is on",
    scene: "automatic",
    expectIngest: "ignored",
    expectParse: () => ({
      title: "[announce] Version 4.2 released",
      automatic: { reason: "Precedence: list (bulk mail)" },
    }),
  },
  {
    file: "newsletter-bulk.eml",
    description: "An HTML newsletter with Precedence: bulk, List-Unsubscribe and an emoji in a Q-encoded subject",
    scene: "automatic",
    expectIngest: "ignored",
    expectParse: () => ({
      subject: "December deals 🎁 up to 40% off",
      automatic: { reason: "Precedence: bulk (bulk mail)" },
    }),
  },
  {
    file: "noreply-sender.eml",
    description: "A backup report from noreply@, no automatic headers at all",
    scene: "automatic",
    expectIngest: "ignored",
    expectParse: () => ({
      automatic: { reason: "sent from noreply@backup.example, an address that does not read replies" },
    }),
  },
  {
    file: "mailer-daemon-plain.eml",
    description: "A qmail-style plain-text bounce from MAILER-DAEMON (not a multipart/report)",
    scene: "automatic",
    expectIngest: "ignored",
    expectParse: () => ({
      automatic: { reason: "sent from mailer-daemon@mail.oldhost.example, an address that does not read replies" },
      bounce: null,
    }),
  },
  {
    file: "loop-header.eml",
    description: "Helpline's own receipt came back (X-Helpline-Loop and our Message-ID)",
    scene: "own-mail",
    expectIngest: "ignored",
    expectParse: () => ({ automatic: { reason: "X-Helpline-Loop header: Helpline's own mail came back" } }),
  },
  {
    file: "own-message-id-no-loop-header.eml",
    description: "Our own notification relayed back with the X- headers stripped: only the Message-ID domain tells",
    scene: "own-mail",
    expectIngest: "ignored",
    expectParse: (v) => ({
      messageId: `${v.UNIQUE}-relayed@${v.DOMAIN}`,
      automatic: { reason: `Message-ID under our own domain (${v.DOMAIN}): Helpline's own mail came back` },
    }),
  },
  {
    file: "reply-to-closed-ticket.eml",
    description: "A reply, weeks later, to a ticket that is Closed: opens a follow-up ticket",
    scene: "closed-ticket",
    expectIngest: "created",
    expectParse: (v) => ({
      inReplyTo: [v.SENT_MESSAGE_ID],
      tagNumber: v.TICKET_NUMBER,
      text: "The blank pages are back, same printer as last month.",
    }),
  },
  {
    file: "guessed-tag-from-stranger.eml",
    description: "A stranger puts a guessed [#N] in the subject to get into someone's ticket",
    scene: "tag-stranger",
    expectIngest: "created",
    expectParse: (v) => ({
      from: { address: v.STRANGER_EMAIL.toLowerCase(), name: "Mallory" },
      tagNumber: v.TICKET_NUMBER,
      title: "Please send me the VPN password",
      inReplyTo: [],
      references: [],
    }),
  },
  {
    file: "tag-from-contact.eml",
    description: "The ticket's contact writes a new mail (no thread headers) with the [#N] tag in the subject",
    scene: "tag-contact",
    expectIngest: "appended",
    expectParse: (v) => ({
      tagNumber: v.TICKET_NUMBER,
      title: "one more thing about the printer",
      inReplyTo: [],
    }),
  },
  {
    file: "new-contact-with-attachments.eml",
    description:
      "A known contact's new mail with attachments: RFC 2231 and encoded-word names, a path in a name, a nameless part; a group in Cc",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: (v) => ({
      from: contact(v, "Doe, Jane (IT)"),
      to: [support(v, "Helpline Support"), { address: "bob@contoso.example", name: "Smith, Bob" }],
      cc: [
        { address: "carol@contoso.example", name: null },
        { address: "dave@contoso.example", name: null },
      ],
      attachments: [
        {
          name: "Rechnung März.pdf",
          contentType: "application/pdf",
          data: Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
          contentId: null,
          inline: false,
        },
        {
          name: "error.log",
          contentType: "text/plain",
          data: Buffer.from("2026-12-01 08:59:59 ERROR Cannot open invoice 4711: access denied\n"),
          contentId: null,
          inline: false,
        },
        {
          name: "attachment",
          contentType: "application/octet-stream",
          data: Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]),
          contentId: null,
          inline: false,
        },
      ],
    }),
  },
  {
    file: "inline-image.eml",
    description: "An image shown in the HTML by cid: (inline) next to an attached image with an unused Content-ID",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: () => ({
      text: "This dialog pops up every time I start Excel:\n\n[image: dialog.png]",
    }),
  },
  {
    file: "winmail-dat.eml",
    description: "Outlook rich text sent as winmail.dat (application/ms-tnef): a note, no attachment",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: () => ({
      attachments: [],
      notes: ["A winmail.dat attachment from Outlook (TNEF) could not be read and was not kept."],
      text: "Anbei das Angebot für die zwei neuen Bildschirme.",
    }),
  },
  {
    file: "rtl-arabic-hebrew.eml",
    description: "Arabic subject with the Arabic reply prefix 'رد:', a Hebrew display name, Arabic and Hebrew body",
    scene: "reply",
    expectIngest: "appended",
    expectParse: (v) => ({
      from: contact(v, "יוסי כהן"),
      title: "الطابعة لا تعمل",
      tagNumber: v.TICKET_NUMBER,
      text: "الطابعة في الطابق الثاني لا تزال لا تعمل.\nהמדפסת בקומה השנייה עדיין לא עובדת.",
    }),
  },
  {
    file: "emoji.eml",
    description: "Emoji in the display name, the subject (with a variation selector) and the body",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: (v) => ({
      from: contact(v, "Chloé 🌸 Martin"),
      title: "🔥 Server room too hot 🌡️",
      text: "The thermometer says 35 °C 🥵 and the fan makes noise 💨.\nPlease hurry 🙏",
    }),
  },
  {
    file: "no-message-id.eml",
    description: "An old mail program that sends no Message-ID: deduplicated by the hash of the raw message",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: () => ({ messageId: null, inReplyTo: [], references: [] }),
  },
  {
    file: "huge-subject-odd-charset.eml",
    description: "A 700-character KOI8-R subject folded over 17 encoded-words, a KOI8-R body",
    scene: "new-contact",
    expectIngest: "created",
    expectParse: (v) => ({
      from: contact(v, "Иван Петров"),
      subject: `Problem: ${Array.from({ length: 20 }, () => "Подключение к серверу не работает").join(" ")}`,
      text: "Сервер не отвечает с 9 утра.\nИван",
    }),
  },
  {
    file: "multiple-prefixes.eml",
    description: "'AW: Re[2]: WG: SV:' prefixes, the tag after them, References with an id we do not know",
    scene: "reply",
    expectIngest: "appended",
    expectParse: (v) => ({
      title: "VPN certificate expired",
      tagNumber: v.TICKET_NUMBER,
      references: [`older-${v.UNIQUE}@contoso.example`, v.SENT_MESSAGE_ID],
    }),
  },
  {
    file: "interleaved-reply.eml",
    description: "Answers written between '>' quoted questions: nothing is cut (the quotes are not at the end)",
    scene: "reply",
    expectIngest: "appended",
    expectParse: () => ({
      text: "> Which keyboard layout do you need?\nGerman, please.\n\n> Do you need a docking station?\nYes, a USB-C one.",
    }),
  },
  {
    file: "test-mail.eml",
    description: "Settings ▸ Email's test mail come back through the inbox",
    scene: "test-mail",
    expectIngest: "test",
    expectParse: (v) => ({
      testMailToken: `tm-${v.UNIQUE}`,
      automatic: { reason: "X-Helpline-Loop header: Helpline's own mail came back" },
    }),
  },
  {
    file: "new-from-stranger.eml",
    description: "A first mail from an address no contact has (Unassigned customers, or ignored by the setting)",
    scene: "new-stranger",
    expectIngest: "created",
    expectParse: (v) => ({
      from: { address: v.STRANGER_EMAIL.toLowerCase(), name: "Olivia Brown" },
      automatic: null,
      tagNumber: null,
    }),
  },
];
