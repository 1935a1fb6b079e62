import { execFile } from "node:child_process";
import { promisify } from "node:util";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AgentClient, ProtocolError, UnreachableError } from "./agent-client.ts";

const servers: http.Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve)))));

/** A stand-in for servers older than this agent, or proxies in front of them. */
async function serve(status: number, body: string, contentType = "text/plain"): Promise<string> {
  const server = http.createServer((_request, response) =>
    response.writeHead(status, { "content-type": contentType }).end(body),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("AgentClient errors", () => {
  it("turns a 404 without the protocol's error body into a clear ProtocolError", async () => {
    const error = await new AgentClient(await serve(404, "Not Found"), "token")
      .portalLink("CONTOSO\\alice")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ status: 404, code: "not_found" });
    expect((error as Error).message).toMatch(
      /does not offer POST \/helpdesk\/portal-link \(404\): the server may be older than this agent\./,
    );
  });

  it("keeps the server's own words when it sends the protocol's error body", async () => {
    const body = JSON.stringify({ error: { code: "identity_unconfirmed", message: "Confirm your identity first." } });
    await expect(
      new AgentClient(await serve(403, body, "application/json"), "token").listTickets("p"),
    ).rejects.toMatchObject({ status: 403, code: "identity_unconfirmed", message: "Confirm your identity first." });
  });

  it("treats a 5xx as unreachable (worth retrying), never as a refusal", async () => {
    await expect(
      new AgentClient(await serve(503, "{}", "application/json"), "token").createTicket({
        profile: "p",
        idempotencyKey: "key-12345678",
        title: "t",
      }),
    ).rejects.toBeInstanceOf(UnreachableError);
  });

  it(
    "reports a peer that drops the connection mid-request as unreachable at once, also in a one-shot command",
    { timeout: 30_000 },
    async () => {
      // Node's fetch left such a POST pending for ever, and a one-shot command exited with nothing
      // said. Run in a process of its own, where nothing else keeps the event loop alive (as for
      // `helpline-agent ticket`); the answer must come at once, not from the time limit (whose message
      // would say "no answer within 10 s"). Starting tsx in a child takes seconds on a busy machine.
      const dropper = net.createServer((socket) => socket.destroy());
      await new Promise<void>((resolve) => dropper.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(dropper.address() as AddressInfo).port}`;
      const script = `
      import { AgentClient, UnreachableError } from ${JSON.stringify(new URL("./agent-client.ts", import.meta.url).href)};
      const error = await new AgentClient(${JSON.stringify(url)}, "token", 10_000).portalLink("p").catch((caught) => caught);
      console.log(error instanceof UnreachableError ? "unreachable: " + error.message : "other: " + error);`;
      const child = await promisify(execFile)(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", script],
        { timeout: 20_000 },
      ).finally(() => dropper.close());
      expect(child.stdout).toMatch(
        /^unreachable: Cannot reach http:\/\/127\.0\.0\.1:\d+: (socket hang up|read ECONNRESET)$/m,
      );
    },
  );

  it("gives up at its time limit when the server never answers, and says so", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const error = await new AgentClient(url, "token", 300).listTickets("p").catch((caught: unknown) => caught);
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as Error).message).toBe(`Cannot reach ${url}: no answer within 0.3 s`);
  });
});
