import { afterEach, expect, it } from "vitest";
import { formatLocalTime } from "./format-time.ts";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

it("writes a time in the machine's zone and names the zone", () => {
  process.env.TZ = "UTC";
  expect(formatLocalTime("2026-11-30T17:40:02.123Z")).toBe("2026-11-30 17:40:02 UTC");
  process.env.TZ = "Europe/Paris";
  expect(formatLocalTime("2026-11-30T17:40:02.123Z")).toBe("2026-11-30 18:40:02 UTC+01:00");
  process.env.TZ = "America/St_Johns";
  expect(formatLocalTime(new Date("2026-07-01T12:00:00Z"))).toBe("2026-07-01 09:30:00 UTC-02:30");
});

it("leaves the seconds out for a table, still naming the zone", () => {
  process.env.TZ = "Europe/Paris";
  expect(formatLocalTime("2026-07-01T12:00:59Z", { seconds: false })).toBe("2026-07-01 14:00 UTC+02:00");
});
