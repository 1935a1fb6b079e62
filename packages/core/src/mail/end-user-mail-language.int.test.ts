import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow, createTechnicianRow, unique } from "@helpline/db/testing";
import { ZCreateTicketRequest } from "@helpline/protocol";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendIdentityToken } from "../identity/send-identity-token.ts";
import { ingestMail } from "../inbound-mail/ingest-mail.ts";
import { setContactLanguage } from "../languages/set-contact-language.ts";
import { createPortalTicket } from "../portal/create-portal-ticket.ts";
import { PORTAL_CONTACT_SELECT, toPortalContact } from "../portal/portal-contact.ts";
import { requestPortalSignIn } from "../portal/request-portal-sign-in.ts";
import { rawMail } from "../testing/inbound-mail-scene.ts";
import { SmtpSink } from "../testing/smtp-sink.ts";
import { slaScene } from "../testing/sla-scene.ts";
import { createAgentTicket } from "../tickets/create-agent-ticket.ts";
import { createConsoleTicket } from "../tickets/create-console-ticket.ts";
import { replyToTicket } from "../tickets/reply-to-ticket.ts";
import { deliverDueMail } from "./deliver-due-mail.ts";
import { createMailTransport } from "./mail-transport.ts";

const sink = new SmtpSink();
let transport: ReturnType<typeof createMailTransport>;
beforeAll(async () => {
  transport = createMailTransport({
    mode: "smtp",
    url: await sink.start(),
    from: "Helpline <helpdesk@example.test>",
    replyTo: "helpdesk@example.test",
  });
});
afterAll(async () => {
  transport.close();
  await sink.stop();
});

const PUBLIC_URL = "https://help.example.test";
// "jeudi 3 décembre, 09:30 CET" (the year only when it is not this year): French day and month,
// the Paris zone named.
const FRENCH_PARIS_PROMISE =
  /Nous vous répondrons au plus tard le (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)( \d{4})?, \d\d:\d\d CES?T\./;

/** Sends what the outbox holds for `address` through the real SMTP relay and returns what arrived there. */
async function mailsTo(address: string): Promise<ParsedMail[]> {
  while ((await deliverDueMail({ transport, to: address })).delivered > 0);
  return sink.messages.filter((message) => JSON.stringify(message.to).includes(address));
}

async function onlyMailTo(address: string): Promise<ParsedMail> {
  const mails = await mailsTo(address);
  expect(mails).toHaveLength(1);
  return mails[0]!;
}

/**
 * A customer whose default language is French, on its own SLA with a Paris calendar (so receipts
 * promise a first reply), with a confirmed user on a workstation who chose nothing themselves.
 */
async function frenchCustomer() {
  const { customer } = await slaScene({ timeZone: "Europe/Paris" });
  await getPrisma().customer.update({ where: { id: customer.id }, data: { language: "fr" } });
  const user = await createHelpdeskDeviceRow({
    customerId: customer.id,
    email: `${unique("jeanne")}@contoso.test`,
    fullName: "Jeanne Dupont",
  });
  const contact = toPortalContact(
    await getPrisma().contact.findUniqueOrThrow({ where: { id: user.contact!.id }, select: PORTAL_CONTACT_SELECT }),
  );
  return { customer, user, contact };
}

const technicianActor = async () => {
  const row = await createTechnicianRow();
  return { id: row.id, role: row.role, name: row.name };
};

describe("every mail an end user receives is in their language, times in French in their zone", () => {
  it("the identity token: the Windows language of the profile, else the contact the address already is", async () => {
    const { customer } = await slaScene({ timeZone: "Europe/Paris" });
    const { device, profile } = await createHelpdeskDeviceRow({ customerId: customer.id, confirmed: false });
    await getPrisma().deviceProfile.update({ where: { id: profile.id }, data: { windowsLocale: "fr-FR" } });
    const email = `${unique("jeanne")}@contoso.test`;
    await sendIdentityToken({
      deviceId: device.id,
      request: { profile: profile.name, fullName: "Jeanne Dupont", email },
      now: new Date("2026-12-01T09:00:00Z"),
    });
    const mail = await onlyMailTo(email);
    expect(mail.subject).toBe("Votre jeton de confirmation Helpline");
    expect(mail.text).toContain("Bonjour Jeanne Dupont,");
    expect(mail.text).toContain("saisissez ce jeton dans Paramètres personnels :");
    expect(mail.text).toContain("expire le 1 déc. 2026, 10:15 CET (dans 15 minutes)");
    expect(mail.html).toContain("saisissez ce jeton dans <b>Paramètres personnels</b> :");
    expect(mail.html).toContain("expire le 1 déc. 2026, 10:15 CET (dans 15 minutes)");

    // Someone who is already a contact of this customer and chose English gets English, whatever
    // language the workstation's Windows speaks.
    const known = await getPrisma().contact.create({
      data: { customerId: customer.id, email: `${unique("sam")}@contoso.test`, fullName: "Sam Lee" },
    });
    await setContactLanguage({ contactId: known.id, language: "en" });
    await sendIdentityToken({
      deviceId: device.id,
      request: { profile: profile.name, fullName: "Sam Lee", email: known.email },
      now: new Date("2026-12-01T09:00:00Z"),
    });
    const english = await onlyMailTo(known.email);
    expect(english.subject).toBe("Your Helpline confirmation token");
    expect(english.text).toContain("expires at 1 Dec 2026, 10:15 CET (in 15 minutes)");
  });

  it("every receipt (agent, portal, console, mail), with the expected first reply in French", async () => {
    const { customer, user, contact } = await frenchCustomer();
    const technician = await technicianActor();
    const agent = await createAgentTicket({
      deviceId: user.device.id,
      request: ZCreateTicketRequest.parse({
        profile: user.profile.name,
        idempotencyKey: crypto.randomUUID(),
        title: "Le VPN <décroche>",
      }),
      publicUrl: PUBLIC_URL,
    });
    const portal = await createPortalTicket({
      contact,
      input: { title: "L'imprimante bourre" },
      publicUrl: PUBLIC_URL,
    });
    const console = await createConsoleTicket({
      actor: { id: technician.id, role: technician.role },
      input: { customerId: customer.id, contactId: contact.id, title: "Téléphone : pas de son" },
      publicUrl: PUBLIC_URL,
    });
    const mailed = await ingestMail({
      raw: rawMail({ from: contact.email, subject: "Scanner hors ligne" }),
      via: "smtp",
    });
    const numbers = [agent.number, portal.number, console.number, mailed.ticketNumber!];
    const mails = await mailsTo(contact.email);
    expect(mails).toHaveLength(4);
    for (const number of numbers) {
      const ticket = await getPrisma().ticket.findUniqueOrThrow({ where: { number } });
      const mail = mails.find((received) => received.subject === `[#${number}] ${ticket.title}`);
      expect(mail, `the receipt of #${number}`).toBeDefined();
      expect(mail!.text).toContain("Bonjour Jeanne Dupont,");
      expect(mail!.text).toContain(`Nous avons bien reçu votre ticket #${number} : ${ticket.title}`);
      expect(mail!.text).toMatch(FRENCH_PARIS_PROMISE);
      const paris = new Intl.DateTimeFormat("fr-FR", {
        timeZone: "Europe/Paris",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(ticket.firstResponseDueAt!);
      expect(mail!.text).toContain(`, ${paris} CE`);
      // A mail ticket's link is built from the configured public URL, the others' from the request's.
      expect(mail!.text).toMatch(new RegExp(`Portail client :\\nhttps?://\\S+/portal/tickets/${number}\\n?$`));
      expect(mail!.html).toContain(`Nous avons bien reçu votre ticket <b>#${number}</b> :`);
      expect(mail!.html).toContain(`>Portail client</a>.`);
    }
    const agentMail = mails.find((received) => received.subject?.startsWith(`[#${agent.number}]`))!;
    expect(agentMail.html).toContain("Le VPN &#60;décroche&#62;");
  });

  it("a technician's reply: French framing, the reply as written, the thread's subject kept", async () => {
    const { contact } = await frenchCustomer();
    const { number } = await createPortalTicket({ contact, input: { title: "Écran noir" }, publicUrl: PUBLIC_URL });
    const ticket = await getPrisma().ticket.findUniqueOrThrow({ where: { number } });
    const technician = await technicianActor();
    await replyToTicket({
      actor: { id: technician.id, role: technician.role },
      input: { ticketId: ticket.id, body: "Please try another cable." },
      publicUrl: PUBLIC_URL,
    });
    const mails = await mailsTo(contact.email);
    const reply = mails.find((mail) => mail.subject === `Re: [#${number}] Écran noir`)!;
    expect(reply).toBeDefined();
    expect(reply.text).toContain("Bonjour Jeanne Dupont,");
    expect(reply.text).toContain(`${technician.name} a répondu à votre ticket #${number} (Écran noir) :`);
    expect(reply.text).toContain("\nPlease try another cable.\n");
    expect(reply.text).toMatch(/Pour répondre, (répondez à ce message ou )?ouvrez le ticket dans le Portail client : /);
    expect(reply.text).toContain(`${PUBLIC_URL}/portal/tickets/${number}`);
    expect(reply.html).toContain(`a répondu à votre ticket <b>#${number}</b> (Écran noir) :`);
    expect(reply.html).toContain(">Portail client</a>.");
    expect(reply.inReplyTo).toBeTruthy();
  });

  it("the portal sign-in link; one mail for an address at two customers, in the first contact's language", async () => {
    const { contact } = await frenchCustomer();
    const ip = `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    expect(await requestPortalSignIn({ input: { email: contact.email }, ip, publicUrl: PUBLIC_URL })).toEqual({
      queued: true,
    });
    const single = await onlyMailTo(contact.email);
    expect(single.subject).toMatch(/^Connexion au Portail client .+$/);
    expect(single.text).toContain("Bonjour,");
    expect(single.text).toContain("Utilisez ce lien pour vous connecter au Portail client");
    expect(single.text).toContain("Il ne fonctionne qu'une fois, dans les 15 minutes :");
    expect(single.html).toContain(">Se connecter</a>");

    // The same person is also a contact of an English-speaking customer, created later.
    const other = await createCustomerRow();
    await getPrisma().contact.create({
      data: { customerId: other.id, email: contact.email, fullName: "Jeanne Dupont", language: "en" },
    });
    await requestPortalSignIn({ input: { email: contact.email }, ip, publicUrl: PUBLIC_URL });
    const both = (await mailsTo(contact.email))[1]!;
    expect(both.text).toContain("Utilisez l'un de ces liens pour vous connecter au Portail client");
    expect(both.text).toContain(`\n${other.name} : ${PUBLIC_URL}/portal/sign-in/`);
    expect(both.html).toContain(`Se connecter à ${other.name}</a>`);

    // An address that is no contact gets nothing, in any language.
    const stranger = `${unique("personne")}@example.test`;
    expect(await requestPortalSignIn({ input: { email: stranger }, ip: `${ip}9`, publicUrl: PUBLIC_URL })).toEqual({
      queued: false,
    });
    expect(await mailsTo(stranger)).toHaveLength(0);
  });

  it("follows the order: the customer's French default, until the contact chooses English", async () => {
    const { contact } = await frenchCustomer();
    const first = await createPortalTicket({ contact, input: { title: "Souris" }, publicUrl: PUBLIC_URL });
    await setContactLanguage({ contactId: contact.id, language: "en" });
    const second = await createPortalTicket({ contact, input: { title: "Keyboard" }, publicUrl: PUBLIC_URL });
    const mails = await mailsTo(contact.email);
    const french = mails.find((mail) => mail.subject === `[#${first.number}] Souris`)!;
    const english = mails.find((mail) => mail.subject === `[#${second.number}] Keyboard`)!;
    expect(french.text).toContain(`Nous avons bien reçu votre ticket #${first.number} : Souris`);
    expect(english.text).toContain(`We received your ticket #${second.number}: Keyboard`);
    expect(english.text).toMatch(/We will reply by [A-Z][a-z]+day,? \d{1,2} [A-Z][a-z]+( \d{4})?, \d\d:\d\d CES?T\./);
    expect(english.text).toContain("A technician will answer you by email and in the Customer Portal:");
  });
});
