import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { validateWebhookUrl } from "./validate-webhook-url.ts";

function refusal(url: string, allowPrivate = false) {
  try {
    validateWebhookUrl(url, allowPrivate);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, status: error.status, fields: error.fields };
    throw error;
  }
  return null;
}

describe("validateWebhookUrl", () => {
  it("keeps a public https URL, normalised", () => {
    expect(validateWebhookUrl("https://Hooks.Example.com/helpline?x=1", false)).toBe(
      "https://hooks.example.com/helpline?x=1",
    );
    expect(validateWebhookUrl("https://93.184.216.34:8443/in", false)).toBe("https://93.184.216.34:8443/in");
    expect(validateWebhookUrl("https://[2606:4700::1111]/in", false)).toBe("https://[2606:4700::1111]/in");
  });

  it.each([
    ["not a url", "absolute URL"],
    ["/relative/path", "absolute URL"],
    ["http://hooks.example.com/in", "https://"],
    ["ftp://hooks.example.com/in", "https://"],
    ["https://user:pass@hooks.example.com/in", "password"],
    ["https://user@hooks.example.com/in", "password"],
    ["https://127.0.0.1/in", "public address"],
    ["https://0x7f.1/in", "public address"],
    ["https://2130706433/in", "public address"],
    ["https://10.0.0.5/in", "public address"],
    ["https://192.168.1.1/in", "public address"],
    ["https://169.254.169.254/latest/meta-data", "public address"],
    ["https://[::1]/in", "public address"],
    ["https://[::ffff:127.0.0.1]/in", "public address"],
    ["https://[fd00::1]/in", "public address"],
    ["https://localhost/in", "public address"],
    ["https://localhost./in", "public address"],
    ["https://api.localhost/in", "public address"],
    [`https://hooks.example.com/${"a".repeat(2000)}`, "2,000"],
  ])("refuses %s with 400 invalid_webhook_url at field url", (url, words) => {
    const refused = refusal(url);
    expect(refused).toMatchObject({ code: "invalid_webhook_url", status: 400 });
    expect(refused?.fields?.url).toContain(words);
  });

  it("with HELPLINE_WEBHOOKS_ALLOW_PRIVATE=1 takes http:// and private hosts, never credentials", () => {
    expect(validateWebhookUrl("http://127.0.0.1:4000/hook", true)).toBe("http://127.0.0.1:4000/hook");
    expect(validateWebhookUrl("http://localhost:4000/hook", true)).toBe("http://localhost:4000/hook");
    expect(validateWebhookUrl("https://10.0.0.5/in", true)).toBe("https://10.0.0.5/in");
    expect(refusal("http://user:pw@127.0.0.1/hook", true)).toMatchObject({ code: "invalid_webhook_url" });
    expect(refusal("ftp://127.0.0.1/hook", true)?.fields?.url).toContain("http://");
  });
});
