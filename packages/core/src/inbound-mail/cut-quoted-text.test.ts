import { describe, expect, it } from "vitest";
import { cutQuotedText } from "./cut-quoted-text.ts";

const quoted = (marker: string) => `Thanks, it works.\n\n${marker}\n> old text\n> more old text\n`;

describe("cutQuotedText", () => {
  it.each([
    "On Mon, Nov 30, 2026 at 4:55 PM Helpline <support@help.example.com> wrote:",
    "Le lun. 30 nov. 2026 à 16:55, Helpline <support@help.example.com> a écrit :",
    "Am 30.11.2026 um 16:55 schrieb Helpline <support@help.example.com>:",
    "El lun, 30 nov 2026 a las 16:55, Helpline (<support@help.example.com>) escribió:",
    "Op ma 30 nov. 2026 om 16:55 schreef Helpline <support@help.example.com>:",
    "Den man. 30. nov. 2026 kl. 16.55 skrev Helpline <support@help.example.com>:",
    "Il giorno lun 30 nov 2026 alle ore 16:55 Helpline <support@help.example.com> ha scritto:",
    "> On 30 Nov 2026, at 16:55, Helpline <support@help.example.com> wrote:",
  ])("cuts at the attribution %j", (marker) => {
    expect(cutQuotedText(quoted(marker))).toBe("Thanks, it works.");
  });

  it("cuts at an attribution Gmail wrapped over two lines", () => {
    const text =
      "Yes.\n\nOn Mon, Nov 30, 2026 at 4:55 PM A Rather Long Name <someone@example.com>\nwrote:\n\n> Question?\n";
    expect(cutQuotedText(text)).toBe("Yes.");
  });

  it.each([
    "-----Original Message-----",
    "----- Original Message -----",
    "-----Ursprüngliche Nachricht-----",
    "-----Message d'origine-----",
    "-----Mensaje original-----",
  ])("cuts at Outlook's %j line", (marker) => {
    expect(cutQuotedText(`Done.\n\n${marker}\nFrom: Helpline\nSent: Monday\n\nOld text`)).toBe("Done.");
  });

  it.each([
    ["From: A <a@x>\nSent: Monday, 30 November 2026 16:55\nTo: B\nSubject: RE: x"],
    ["Von: A <a@x>\nGesendet: Montag, 30. November 2026 16:55\nAn: B\nBetreff: AW: x"],
    ["De : A <a@x>\nEnvoyé : lundi 30 novembre 2026 16:55\nÀ : B\nObjet : RE: x"],
    ["*From:* A <a@x>\n*Sent:* Monday\n*To:* B\n*Subject:* x"],
    ["________________________________\nFrom: A <a@x>\nSent: Monday\nTo: B\nSubject: x"],
  ])("cuts at Outlook's header block %j", (block) => {
    expect(cutQuotedText(`New answer.\n\n${block}\n\nOld text.`)).toBe("New answer.");
  });

  it("keeps a From: line that is not a header block", () => {
    const text = "From: the server room, the alarm goes off every night.\nSubject to change.";
    expect(cutQuotedText(text)).toBe(text);
  });

  it("keeps header blocks and 'Original Message' in a forward, where they introduce the content", () => {
    const text = "FYI\n\n-----Original Message-----\nFrom: A\nSent: Monday\nTo: B\nSubject: x\n\nThe content.";
    expect(cutQuotedText(text, { forwarded: true })).toBe(text);
  });

  it("cuts a block of > quotes at the end, but not quotes answered in between", () => {
    expect(cutQuotedText("Agreed.\n\n> Shall we?\n>\n> Yes\n\n")).toBe("Agreed.");
    const interleaved = "> Which layout?\nGerman.\n> Docking station?\nYes.";
    expect(cutQuotedText(interleaved)).toBe(interleaved);
  });

  it("keeps sentences that end in 'wrote:' without a date", () => {
    const text = "On the whiteboard the trainer wrote:\nrestart first.";
    expect(cutQuotedText(text)).toBe(text);
  });

  it("never cuts to nothing: a mail that is only a quote stays whole", () => {
    const text = "On Mon, 30 Nov 2026 at 16:55, A <a@x> wrote:\n> everything";
    expect(cutQuotedText(text)).toBe(text);
    expect(cutQuotedText("> only\n> quotes")).toBe("> only\n> quotes");
  });

  it("normalises CRLF and trailing blank lines", () => {
    expect(cutQuotedText("Line one\r\nLine two\r\n\r\n")).toBe("Line one\nLine two");
  });
});
