import { ZErrorBody, ZHealthResponse } from "@helpline/protocol";
import { withDatabaseEnv } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { buildGateway } from "../build-gateway.ts";
import { HELPLINE_VERSION } from "../version.ts";

describe("GET /api/health", () => {
  it("answers 200 with the database kind and the version", async () => {
    const gateway = await buildGateway();
    const response = await gateway.inject({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(ZHealthResponse.parse(response.json())).toEqual({
      status: "ok",
      database: process.env.DATABASE_URL ? "postgresql" : "pglite",
      version: HELPLINE_VERSION,
    });
    await gateway.close();
  });

  it("answers 503 when the database cannot be reached", async () => {
    // Port 9 (discard) has no PostgreSQL behind it: connecting is refused at once.
    await withDatabaseEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1:9/unreachable" }, async () => {
      const gateway = await buildGateway();
      const response = await gateway.inject({ method: "GET", url: "/api/health" });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: "unavailable", database: "postgresql" });
      await gateway.close();
    });
  });
});

describe("gateway errors", () => {
  it("answers unknown paths with the JSON error shape", async () => {
    const gateway = await buildGateway();
    const response = await gateway.inject({ method: "POST", url: "/api/agent/v1/nothing-here", payload: {} });
    expect(response.statusCode).toBe(404);
    expect(ZErrorBody.parse(response.json()).error.code).toBe("not_found");
    await gateway.close();
  });
});
