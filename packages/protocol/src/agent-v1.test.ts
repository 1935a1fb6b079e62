import { describe, expect, it } from "vitest";
import {
  describeInvalidRequest,
  formatBytes,
  MAX_AGENT_TICKET_FILES_BYTES,
  STORABLE_TEXT,
  ZCheckinRequest,
  ZCreateTicketResponse,
} from "./agent-v1.ts";

describe("agent protocol schemas", () => {
  it("accept any text PostgreSQL can store, and refuse NUL and lone surrogates", () => {
    expect(STORABLE_TEXT.test("PC-ÉLODIE 😀")).toBe(true);
    expect(STORABLE_TEXT.test("PC\u0000")).toBe(false);
    expect(STORABLE_TEXT.test("PC\ud800")).toBe(false);
    expect(STORABLE_TEXT.test("PC\udc00x")).toBe(false);
  });

  it("name the first offending field", () => {
    const parsed = ZCheckinRequest.safeParse({
      agentVersion: "1",
      hostname: "PC",
      os: { platform: "windows", name: "W", version: "1", kind: "desk" },
      currentProfile: null,
    });
    expect(parsed.success).toBe(false);
    expect(describeInvalidRequest(parsed.error!)).toMatch(/^`os\.kind`: /);
  });

  it("ignore unknown fields, for newer agents", () => {
    const parsed = ZCheckinRequest.parse({
      agentVersion: "2",
      hostname: "PC",
      os: { platform: "linux", name: "L", version: "", kind: "server" },
      currentProfile: null,
      battery: 80,
    });
    expect(parsed).not.toHaveProperty("battery");
  });
});

describe("the ticket-created answer", () => {
  const created = { ticketId: "t1", number: 1042, portalUrl: "https://help.example.test/portal/tickets/1042" };

  it("reads an older server's answer, without a first-reply promise", () => {
    expect(ZCreateTicketResponse.parse(created)).toEqual(created);
  });

  it("carries the promise when there is one, and drops a malformed one rather than the ticket", () => {
    const firstReplyDue = {
      at: "2026-12-03T08:30:00.000Z",
      timeZone: "Europe/Paris",
      text: "We will reply by Thursday 3 December, 09:30 CET",
    };
    expect(ZCreateTicketResponse.parse({ ...created, firstReplyDue }).firstReplyDue).toEqual(firstReplyDue);
    expect(ZCreateTicketResponse.parse({ ...created, firstReplyDue: { at: 5 } })).toEqual(created);
  });
});

describe("formatBytes", () => {
  it("writes limits as round numbers and what came with one decimal", () => {
    expect(formatBytes(1024 * 1024 * 1024)).toBe("1 GiB");
    expect(formatBytes(1536 * 1024 * 1024)).toBe("1.5 GiB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MiB");
    expect(formatBytes(12 * 1024 * 1024 + 1)).toBe("12.0 MiB");
    expect(formatBytes(MAX_AGENT_TICKET_FILES_BYTES)).toBe("8.8 MiB");
    expect(formatBytes(300 * 1024)).toBe("300 KiB");
    expect(formatBytes(12)).toBe("12 bytes");
  });
});
