import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { signWebhook } from "./sign-webhook.ts";

const README = path.join(import.meta.dirname, "../../../../README.md");

/** The README's Node verification snippet, as a module a receiver would paste. */
async function readmeVerifier(): Promise<(secret: string, header: string, body: string) => boolean> {
  const readme = fs.readFileSync(README, "utf8");
  const section = readme.slice(readme.indexOf("Verify a request in Node"));
  const code = /```js\n([\s\S]*?)```/.exec(section)![1]!;
  expect(code.trim().split("\n").length).toBeLessThanOrEqual(10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-verify-"));
  const file = path.join(dir, "verify.mjs");
  fs.writeFileSync(file, code);
  try {
    return (await import(pathToFileURL(file).href)).verifyHelpline;
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

describe("signWebhook", () => {
  it("signs t.body with HMAC-SHA256 of the secret", () => {
    const expected = createHmac("sha256", "whsec_1").update('1700000000.{"a":1}').digest("hex");
    expect(signWebhook("whsec_1", 1700000000, '{"a":1}')).toBe(`t=1700000000,v1=${expected}`);
  });

  it("is accepted by the README's verification snippet, which refuses a wrong secret, body or old timestamp", async () => {
    const verify = await readmeVerifier();
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ id: "e1", type: "ticket.created", data: { title: "Zoë's printer" } });
    expect(verify("whsec_1", signWebhook("whsec_1", now, body), body)).toBe(true);
    expect(verify("whsec_2", signWebhook("whsec_1", now, body), body)).toBe(false);
    expect(verify("whsec_1", signWebhook("whsec_1", now, body), body.replace("Zoë", "Zoe"))).toBe(false);
    expect(verify("whsec_1", signWebhook("whsec_1", now - 301, body), body)).toBe(false);
  });
});
