import { describe, expect, it } from "vitest";
import { crashSummary } from "./gateway-process.ts";

describe("crashSummary", () => {
  it("puts the error and the emitter of an unhandled 'error' event first", () => {
    const stderr = [
      "node:events:502",
      "      throw er; // Unhandled 'error' event",
      "      ^",
      "",
      "Error: Connection terminated unexpectedly",
      "    at Connection.<anonymous> (/x/node_modules/pg/lib/client.js:136:73)",
      "Emitted 'error' event on Client instance at:",
      "    at Client._handleErrorEvent (/x/node_modules/pg/lib/client.js:336:10)",
    ].join("\n");
    expect(crashSummary(stderr)).toBe(
      "Error: Connection terminated unexpectedly Emitted 'error' event on Client instance at: at Client._handleErrorEvent (/x/node_modules/pg/lib/client.js:336:10)",
    );
  });

  it("says when stderr names no error", () => {
    expect(crashSummary("killed\n")).toBe("(no error line on stderr)");
  });
});
