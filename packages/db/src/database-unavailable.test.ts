import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./database-unavailable.ts";

describe("isDatabaseUnavailable", () => {
  it("recognises a restart, a refused connection and a pool timeout, also when wrapped", () => {
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(new Error("Database error. Code: `57P03`. Message: `the database system is starting up`")),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("Client has encountered a connection error and is not queryable"))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(Object.assign(new Error("pool"), { code: "P2024" }))).toBe(true);
    // A pool that stays busy while every client reconnects after a restart.
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), {
          code: "P2028",
        }),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(
        new Error("query failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) }),
      ),
    ).toBe(true);
  });

  it("leaves real bugs alone", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error("Transaction API error: Transaction already closed"), { code: "P2028" }),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error('column "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("text")).toBe(false);
  });
});
