import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDatabaseConfig } from "./database-config.ts";

describe("resolveDatabaseConfig", () => {
  it("uses PostgreSQL when DATABASE_URL is set", () => {
    expect(resolveDatabaseConfig({ DATABASE_URL: "postgresql://db/helpline" })).toEqual({
      kind: "postgresql",
      url: "postgresql://db/helpline",
    });
  });

  it("falls back to embedded PGlite under HELPLINE_DATA_DIR, or ./.helpline", () => {
    expect(resolveDatabaseConfig({ HELPLINE_DATA_DIR: "/var/lib/helpline" })).toEqual({
      kind: "pglite",
      dataDir: "/var/lib/helpline/pglite",
    });
    expect(resolveDatabaseConfig({ DATABASE_URL: "  " })).toEqual({
      kind: "pglite",
      dataDir: path.resolve(".helpline", "pglite"),
    });
  });
});
