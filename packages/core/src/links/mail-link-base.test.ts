import { describe, expect, it } from "vitest";
import { mailLinkBase } from "./mail-link-base.ts";

describe("mailLinkBase", () => {
  it("uses HELPLINE_PUBLIC_URL whatever the request says", () => {
    expect(mailLinkBase({ configured: "https://help.example.com/", protocol: "http", host: "evil.example" })).toBe("https://help.example.com");
  });

  it("without it, trusts only local names and IP addresses from the Host header", () => {
    expect(mailLinkBase({ configured: undefined, protocol: "http", host: "127.0.0.1:3100" })).toBe("http://127.0.0.1:3100");
    expect(mailLinkBase({ configured: "", protocol: "http", host: "localhost:3000" })).toBe("http://localhost:3000");
    expect(mailLinkBase({ configured: undefined, protocol: "http", host: "192.168.1.20:3000" })).toBe("http://192.168.1.20:3000");
    expect(mailLinkBase({ configured: undefined, protocol: "http", host: "[::1]:3000" })).toBe("http://[::1]:3000");
    for (const host of ["evil.example", "help.example.com:443", "127.0.0.1@evil.example", "127.0.0.1/evil", "", null]) {
      expect(() => mailLinkBase({ configured: undefined, protocol: "http", host }), String(host)).toThrow(/HELPLINE_PUBLIC_URL/);
    }
  });
});
