import { createCustomerRow, createHelpdeskDeviceRow, enrollBody } from "@helpline/db/testing";
import { ZEnrollResponse, ZErrorBody } from "@helpline/protocol";
import { expect, it, onTestFinished } from "vitest";
import { buildGateway } from "../build-gateway.ts";

// R1 (agent endpoints): thousands of malformed requests, each must get a 4xx in the JSON error
// shape (or a 2xx for what is valid after all), never a 5xx, and the server must keep answering.
const NASTY: unknown[] = [
  null, true, 0, -1, 1e308, "", " ", "x".repeat(70_000), "'; DROP TABLE \"Device\"; --", "<script>alert(1)</script>",
  "\u0000", "\ud800", "😀".repeat(100), [], {}, [1, 2], { $gt: "" }, { __proto__: { polluted: true } }, "NaN", 3.5,
];

function seeded(seed: number) {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function mutate(valid: Record<string, unknown>, random: () => number): unknown {
  const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const copy: Record<string, unknown> = structuredClone(valid);
  const keys = Object.keys(copy);
  const kind = Math.floor(random() * 4);
  if (kind === 0) copy[pick(keys)] = pick(NASTY);
  if (kind === 1) delete copy[pick(keys)];
  if (kind === 2 && typeof copy.os === "object") (copy.os as Record<string, unknown>)[pick(["platform", "name", "version", "kind"])] = pick(NASTY);
  if (kind === 3) return pick(NASTY);
  return copy;
}

it("survives 3,000 hostile requests on every agent endpoint without a 5xx", { timeout: 120_000 }, async () => {
  const gateway = await buildGateway();
  onTestFinished(() => gateway.close());
  const customer = await createCustomerRow();
  const validEnroll = enrollBody(customer.installKey);
  const { agentToken } = ZEnrollResponse.parse((await gateway.inject({ method: "POST", url: "/api/agent/v1/enroll", payload: validEnroll })).json());
  // Enroll fuzzing uses another machine: re-enrolling the checking-in one would revoke its token.
  const fuzzEnroll = { ...validEnroll, machineId: `${validEnroll.machineId}-fuzz` };
  const validCheckin = { agentVersion: "1.0.0", hostname: "PC", os: validEnroll.os, ip: "10.0.0.1", currentProfile: { name: "CONTOSO\\alice" } };
  // Ticket fuzzing needs a confirmed user, or every request would stop at the identity check.
  const confirmed = await createHelpdeskDeviceRow({ customerId: customer.id });
  const validTicket = {
    profile: "CONTOSO\\alice", idempotencyKey: "fuzz-0000", title: "Printer", description: "Jammed", priority: "low",
    attachments: [{ name: "a.txt", contentType: "text/plain", dataBase64: "aGk=" }], snapshot: { hostname: "PC", os: "Windows", ip: "10.0.0.1", agentVersion: "1.0.0" },
  };
  const ENDPOINTS: [string, Record<string, unknown>, string][] = [
    ["/api/agent/v1/enroll", fuzzEnroll, agentToken],
    ["/api/agent/v1/checkin", validCheckin, agentToken],
    ["/api/agent/v1/helpdesk/identity/send-token", { profile: "CONTOSO\\alice", fullName: "Alice", email: "alice@example.test" }, agentToken],
    ["/api/agent/v1/helpdesk/identity/confirm", { profile: "CONTOSO\\alice", token: "K7Q-4MZ-92X" }, agentToken],
    ["/api/agent/v1/helpdesk/tickets", validTicket, confirmed.agentToken],
    ["/api/agent/v1/helpdesk/tickets", { ...validTicket, attachments: [{ name: "s.png", contentType: "image/png", dataBase64: "iVBORw0KGgoAAAAN" }] }, confirmed.agentToken],
  ];
  const random = seeded(42);
  const statuses = new Map<number, number>();
  const raw = ['{"installKey":', "{}}", "\u0000", "[", "null", '{"a":' + "[".repeat(5000)];

  for (let index = 0; index < 3_000; index++) {
    const [path, valid, token] = ENDPOINTS[index % ENDPOINTS.length]!;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (!path.endsWith("enroll")) headers.authorization = index % 7 === 0 ? `Bearer ${"A".repeat(43)}` : `Bearer ${token}`;
    const payload =
      index % 11 === 0
        ? Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) // bad UTF-8
        : index % 13 === 0
          ? raw[index % raw.length]!
          : JSON.stringify(mutate(path.endsWith("tickets") ? { ...valid, idempotencyKey: `fuzz-${index}` } : valid, random) ?? null);
    const response = await gateway.inject({ method: "POST", url: path, payload, headers });
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    expect(response.statusCode, `${path} ${String(payload).slice(0, 200)}`).toBeLessThan(500);
    if (response.statusCode >= 400) expect(ZErrorBody.safeParse(response.json()).success).toBe(true);
  }
  for (const query of ["", "?profile=", "?profile[]=a", `?profile=${"x".repeat(5000)}`, "?profile=%00", "?profile=%ED%A0%80", "?profile=CONTOSO%5Calice&profile=x"]) {
    const response = await gateway.inject({ method: "GET", url: `/api/agent/v1/helpdesk/tickets${query}`, headers: { authorization: `Bearer ${confirmed.agentToken}` } });
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    expect(response.statusCode, query).toBeLessThan(500);
  }
  const health = await gateway.inject({ method: "GET", url: "/api/health" });
  expect(health.statusCode).toBe(200);
  console.log(`R1 agent endpoints: ${[...statuses].map(([status, count]) => `${count}× ${status}`).join(", ")}, 0× 5xx`);
});
