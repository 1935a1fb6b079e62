import { expect, it } from "vitest";
import { enrollRetryDelay } from "./first-start-enroll.ts";

const middle = () => 0.5;

it("retries an unreachable server after 1 s, 2 s, 4 s … up to a minute", () => {
  expect([1, 2, 3, 7, 20].map((failures) => enrollRetryDelay("unreachable", failures, middle))).toEqual([
    1_000, 2_000, 4_000, 60_000, 60_000,
  ]);
});

it("retries a refused key after 1 min, 2 min … up to 30 min: it will not fix itself soon", () => {
  expect([1, 2, 5, 6, 20].map((failures) => enrollRetryDelay("refused", failures, middle))).toEqual([
    60_000, 120_000, 960_000, 1_800_000, 1_800_000,
  ]);
});

it("spreads each delay over ±50 %, so a fleet installed at once does not retry in step", () => {
  expect(enrollRetryDelay("refused", 1, () => 0)).toBe(30_000);
  expect(enrollRetryDelay("refused", 1, () => 1)).toBe(90_000);
});
