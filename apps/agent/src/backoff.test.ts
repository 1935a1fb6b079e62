import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.ts";

describe("backoffDelay", () => {
  it("doubles from one second up to a minute, spread ±50 %", () => {
    expect([1, 2, 3, 4].map((failures) => backoffDelay(failures, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(30, () => 0.5)).toBe(60_000);
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 0.999)).toBe(1499);
  });
});
