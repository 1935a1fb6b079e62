import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseInboundMail } from "../parse-inbound-mail.ts";
import { CORPUS, loadCorpusMail, type CorpusValues } from "./corpus.ts";

const VALUES: CorpusValues = {
  TICKET_NUMBER: 4711,
  SENT_MESSAGE_ID: "3f2b9c1e-5d6a-4e7b-8c9d-0a1b2c3d4e5f@help.example.com",
  // Mixed case: parsing lower-cases addresses (contacts are compared case-insensitively).
  CONTACT_EMAIL: "Jane.Doe+it@Contoso.example",
  STRANGER_EMAIL: "Mallory@Attacker.example",
  DOMAIN: "help.example.com",
};

describe("the inbound mail corpus", () => {
  it("lists every .eml file of its folder once, at least 32 of them", () => {
    const files = readdirSync(fileURLToPath(new URL(".", import.meta.url))).filter((file) => file.endsWith(".eml"));
    expect(CORPUS.map((entry) => entry.file).sort()).toEqual(files.sort());
    expect(files.length).toBeGreaterThanOrEqual(32);
  });

  it.each(CORPUS)("$file parses as expected ($scene → $expectIngest)", async (entry) => {
    const { raw, values } = loadCorpusMail(entry.file, VALUES);
    const parsed = await parseInboundMail(raw, { maxBytes: 1024 * 1024, domain: VALUES.DOMAIN });
    const expected = entry.expectParse(values);
    const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, parsed[key as keyof typeof parsed]]));
    expect(actual).toEqual(expected);
    // Every mail has these, whatever the file: the placeholders are all replaced, the dedupe key
    // is the Message-ID or a hash, nothing in the text is left undecoded.
    expect(raw.toString("latin1")).not.toMatch(/\{\{[A-Z_]+\}\}/u);
    expect(parsed.dedupeKey).toBe(parsed.messageId ?? `sha256:${createHash("sha256").update(raw).digest("hex")}`);
    expect(parsed.text).not.toMatch(/=\?[\w-]+\?[BQ]\?/iu);
    expect(parsed.text.trim()).not.toBe("");
  });

  it("replaces UNIQUE per load, so a file loaded twice is two different mails", async () => {
    const first = await parseInboundMail(loadCorpusMail("no-message-id.eml", VALUES).raw, {
      maxBytes: 1e6,
      domain: "x",
    });
    const second = await parseInboundMail(loadCorpusMail("no-message-id.eml", VALUES).raw, {
      maxBytes: 1e6,
      domain: "x",
    });
    expect(first.dedupeKey).not.toBe(second.dedupeKey);
    const again = await parseInboundMail(loadCorpusMail("no-message-id.eml", { ...VALUES, UNIQUE: "same" }).raw, {
      maxBytes: 1e6,
      domain: "x",
    });
    const sameAgain = await parseInboundMail(loadCorpusMail("no-message-id.eml", { ...VALUES, UNIQUE: "same" }).raw, {
      maxBytes: 1e6,
      domain: "x",
    });
    expect(again.dedupeKey).toBe(sameAgain.dedupeKey);
  });
});
