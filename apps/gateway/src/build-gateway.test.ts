import { describe, expect, it } from "vitest";
import { isGatewayPath } from "./build-gateway.ts";

describe("isGatewayPath", () => {
  it("sends the agent protocol and health to the gateway, the rest to the console", () => {
    expect(isGatewayPath("/api/agent/v1/checkin")).toBe(true);
    expect(isGatewayPath("/api/health")).toBe(true);
    expect(isGatewayPath("/api/auth/session")).toBe(false);
    expect(isGatewayPath("/devices")).toBe(false);
  });
});
