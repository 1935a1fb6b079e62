import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/config.ts";
import { publicUrl } from "./public-url.ts";

const forMail = (configured: string | undefined, protocol: string, host: string | null | undefined) =>
  publicUrl({ protocol, host }, { forMail: true, settings: parseConfig({ HELPLINE_PUBLIC_URL: configured }) });

describe("publicUrl", () => {
  it("uses HELPLINE_PUBLIC_URL whatever the request says", () => {
    expect(forMail("https://help.example.com/", "http", "evil.example")).toBe("https://help.example.com");
    expect(
      publicUrl(
        { protocol: "http", host: "evil.example" },
        { settings: parseConfig({ HELPLINE_PUBLIC_URL: "https://help.example.com/" }) },
      ),
    ).toBe("https://help.example.com");
  });

  it("without it, answers with the address the request came in on", () => {
    const settings = parseConfig({});
    expect(publicUrl({ protocol: "https", host: "help.example.com" }, { settings })).toBe("https://help.example.com");
    expect(publicUrl({ protocol: "http", host: undefined }, { settings })).toBe("http://localhost:3000");
  });

  it("without a request's Host, points at the port Helpline listens on (PORT)", () => {
    // The receipt to an email ticket is written by the mail channel, with no request to go by.
    const settings = parseConfig({ PORT: "8080" });
    expect(publicUrl({ protocol: "http", host: null }, { settings })).toBe("http://localhost:8080");
  });

  it("for mail, without it, trusts only local names and IP addresses from the Host header", () => {
    expect(forMail(undefined, "http", "127.0.0.1:3100")).toBe("http://127.0.0.1:3100");
    expect(forMail("", "http", "localhost:3000")).toBe("http://localhost:3000");
    expect(forMail(undefined, "http", "192.168.1.20:3000")).toBe("http://192.168.1.20:3000");
    expect(forMail(undefined, "http", "[::1]:3000")).toBe("http://[::1]:3000");
    for (const host of ["evil.example", "help.example.com:443", "127.0.0.1@evil.example", "127.0.0.1/evil", "", null]) {
      expect(() => forMail(undefined, "http", host), String(host)).toThrow(/HELPLINE_PUBLIC_URL/);
    }
  });
});
