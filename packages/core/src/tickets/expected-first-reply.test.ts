import { describe, expect, it } from "vitest";
import { expectedFirstReply, firstReplyDueOf, firstReplySentence } from "./expected-first-reply.ts";

const now = new Date("2026-12-01T10:00:00Z");
const due = new Date("2026-12-03T08:30:00Z");
const open = {
  status: "open" as const,
  firstRespondedAt: null,
  firstResponseDueAt: due,
  slaCalendar: { timeZone: "Europe/Paris" },
};

describe("expectedFirstReply", () => {
  it("promises the first-response due time in the calendar's zone while Open, unanswered and ahead", () => {
    expect(expectedFirstReply(open, now)).toEqual({ at: due, timeZone: "Europe/Paris" });
  });

  it("promises nothing paused, answered, stopped, without an SLA or once the time has passed", () => {
    expect(expectedFirstReply({ ...open, status: "pending" }, now)).toBeNull();
    expect(expectedFirstReply({ ...open, status: "resolved" }, now)).toBeNull();
    expect(expectedFirstReply({ ...open, firstRespondedAt: now }, now)).toBeNull();
    expect(expectedFirstReply({ ...open, firstResponseDueAt: null }, now)).toBeNull();
    expect(expectedFirstReply({ ...open, slaCalendar: null }, now)).toBeNull();
    expect(expectedFirstReply(open, due)).toBeNull();
  });
});

describe("firstReplyDueOf", () => {
  it("reads startTicketSla's answer: null without an SLA or a running first-response clock", () => {
    expect(firstReplyDueOf({ firstResponseDueAt: due, timeZone: "Asia/Tokyo" })).toEqual({
      at: due,
      timeZone: "Asia/Tokyo",
    });
    expect(firstReplyDueOf({ firstResponseDueAt: null, timeZone: "Asia/Tokyo" })).toBeNull();
    expect(firstReplyDueOf(null)).toBeNull();
  });
});

describe("firstReplySentence", () => {
  it("is the issue's wording, the zone named, in winter and summer", () => {
    expect(firstReplySentence({ at: due, timeZone: "Europe/Paris" }, now)).toBe(
      "We will reply by Thursday 3 December, 09:30 CET",
    );
    expect(firstReplySentence({ at: new Date("2027-07-06T07:00:00Z"), timeZone: "Europe/Paris" }, now)).toBe(
      "We will reply by Tuesday, 6 July 2027, 09:00 CEST",
    );
  });

  it("is in French when asked, the day and month in French and the zone still named", () => {
    expect(firstReplySentence({ at: due, timeZone: "Europe/Paris" }, now, "fr")).toBe(
      "Nous vous répondrons au plus tard le jeudi 3 décembre, 09:30 CET",
    );
    expect(firstReplySentence({ at: new Date("2027-07-06T07:00:00Z"), timeZone: "Europe/Paris" }, now, "fr")).toBe(
      "Nous vous répondrons au plus tard le mardi 6 juillet 2027, 09:00 CEST",
    );
  });
});
