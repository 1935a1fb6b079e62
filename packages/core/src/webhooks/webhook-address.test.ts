import { describe, expect, it } from "vitest";
import { isWebhookAddressAllowed } from "./webhook-address.ts";

describe("isWebhookAddressAllowed", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.10",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "255.255.255.255",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "not-an-address",
  ])("refuses %s by default", (address) => {
    expect(isWebhookAddressAllowed(address, false)).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])("allows public %s", (address) => {
    expect(isWebhookAddressAllowed(address, false)).toBe(true);
  });

  it("allows private addresses only when told to, and never a name", () => {
    expect(isWebhookAddressAllowed("127.0.0.1", true)).toBe(true);
    expect(isWebhookAddressAllowed("localhost", true)).toBe(false);
  });
});
