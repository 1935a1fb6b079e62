import { describe, expect, it } from "vitest";
import { requestClientAddress, resolveClientAddress } from "./client-address.ts";

const request = (peer: string | undefined, forwardedFor?: string | string[]) =>
  ({
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
    socket: { remoteAddress: peer },
  }) as unknown as Parameters<typeof resolveClientAddress>[0];

describe("resolveClientAddress", () => {
  it("without a trusted proxy, is the connection's peer whatever the headers say", () => {
    expect(resolveClientAddress(request("198.51.100.9"), 0)).toBe("198.51.100.9");
    expect(resolveClientAddress(request("198.51.100.9", "203.0.113.1"), 0)).toBe("198.51.100.9");
    expect(resolveClientAddress(request("::ffff:198.51.100.9", "203.0.113.1, 127.0.0.1"), 0)).toBe("198.51.100.9");
  });

  it("behind one proxy, is the entry that proxy appended, not the ones the client wrote", () => {
    // The input: the client writes 203.0.113.<i>, the proxy (at 127.0.0.1) appends the real one.
    for (let i = 0; i < 5; i++) {
      expect(resolveClientAddress(request("127.0.0.1", `203.0.113.${i}, 198.51.100.9`), 1)).toBe("198.51.100.9");
    }
    expect(resolveClientAddress(request("127.0.0.1", "198.51.100.9"), 1)).toBe("198.51.100.9");
    expect(resolveClientAddress(request("127.0.0.1", ["203.0.113.1", "198.51.100.9"]), 1)).toBe("198.51.100.9");
  });

  it("behind two proxies, is two places left of the peer", () => {
    expect(resolveClientAddress(request("10.0.0.2", "203.0.113.1, 198.51.100.9, 10.0.0.1"), 2)).toBe("198.51.100.9");
    expect(resolveClientAddress(request("10.0.0.2", "198.51.100.9, 10.0.0.1"), 2)).toBe("198.51.100.9");
  });

  it("takes the first entry when the chain is shorter than the hops, and the peer when there is no header", () => {
    expect(resolveClientAddress(request("10.0.0.2", "198.51.100.9"), 3)).toBe("198.51.100.9");
    expect(resolveClientAddress(request("10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(resolveClientAddress(request("10.0.0.2", ""), 1)).toBe("10.0.0.2");
  });

  it("writes one spelling per address", () => {
    expect(resolveClientAddress(request("127.0.0.1", "198.51.100.9:51234"), 1)).toBe("198.51.100.9");
    expect(resolveClientAddress(request("127.0.0.1", "[2001:DB8::1]:443"), 1)).toBe("2001:db8::1");
    expect(resolveClientAddress(request("127.0.0.1", " 2001:db8::1 "), 1)).toBe("2001:db8::1");
    expect(resolveClientAddress(request("::ffff:127.0.0.1", "::FFFF:198.51.100.9"), 1)).toBe("198.51.100.9");
  });

  it("answers unknown for an entry that is not an address", () => {
    for (const junk of ["unknown", "evil.example", "198.51.100.9 OR 1=1", "<script>", "_hidden", "1.2.3.4.5"]) {
      expect(resolveClientAddress(request("127.0.0.1", junk), 1), junk).toBe("unknown");
    }
    expect(resolveClientAddress(request(undefined), 0)).toBe("unknown");
  });
});

describe("requestClientAddress", () => {
  it("reads the one address server.ts put in the header, and nothing else", () => {
    expect(requestClientAddress(new Headers({ "x-forwarded-for": "198.51.100.9" }))).toBe("198.51.100.9");
    expect(requestClientAddress(new Headers({ "x-forwarded-for": "203.0.113.1, 198.51.100.9" }))).toBe("unknown");
    expect(requestClientAddress(new Headers())).toBe("unknown");
  });
});
