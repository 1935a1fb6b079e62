import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createScratchDatabase } from "@helpline/db/testing";
import { rawRequest } from "@helpline/gateway/testing/raw-http";
import { expect, it } from "vitest";

// The one-process server as `npm start` runs it (after the build that `npm test` does first): the
// compiled bundle under plain Node.
const SERVER = path.join(import.meta.dirname, "dist", "server.mjs");

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, exited, output: () => output };
}

async function waitForHealth(url: string, exited: Promise<unknown>): Promise<Response> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let attempt = 0; attempt < 240 && !gone; attempt++) {
    const response = await fetch(url).catch(() => null);
    if (response) return response;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server never answered");
}

it("serves console and gateway on one port, and SIGTERM closes it cleanly so the next start finds its data", { timeout: 120_000 }, async () => {
  if (!fs.existsSync(path.join(import.meta.dirname, ".next", "BUILD_ID")) || !fs.existsSync(SERVER)) throw new Error("Build the console first: npm run build");
  // A first start needs an empty database of its own.
  const database = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL || undefined, label: "lifecycle" });
  const port = String(3200 + Math.floor(Math.random() * 500));
  const env = { ...database.env, PORT: port, HELPLINE_ADMIN_EMAIL: "lifecycle@example.test", HELPLINE_ADMIN_PASSWORD: "lifecycle password" };

  let server: ReturnType<typeof startServer> | null = null;
  try {
    for (const run of ["first start", "restart"]) {
      server = startServer(env);
      const health = await waitForHealth(`http://127.0.0.1:${port}/api/health`, server.exited);
      expect(health.status, server.output()).toBe(200);
      const page = await fetch(`http://127.0.0.1:${port}/devices`, { redirect: "manual" });
      expect(page.status).toBe(307);
      expect(page.headers.get("location")).toContain("/sign-in");
      expect((await fetch(`http://127.0.0.1:${port}/sign-in`)).status).toBe(200);
      // After a console request (when Next would have claimed `upgrade`), a request asking to
      // switch protocols is still answered as a plain one, agent paths included.
      const upgrade = "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
      const health2 = await rawRequest(Number(port), `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n${upgrade}\r\n`);
      expect(health2.status).toBe(200);
      const checkin = await rawRequest(Number(port), `POST /api/agent/v1/checkin HTTP/1.1\r\nHost: 127.0.0.1\r\n${upgrade}Content-Length: 0\r\n\r\n`);
      expect(checkin.status).toBe(401);
      expect(JSON.parse(checkin.body)).toMatchObject({ error: { code: "unauthorized" } });
      // Only what serves requests is loaded: no TypeScript compiler or SWC (next.config.ts is not
      // compiled at start), and no helper processes beside the server.
      const mapped = fs.readFileSync(`/proc/${server.child.pid}/maps`, "utf8").split("\n");
      expect(mapped.filter((line) => /next-swc|esbuild|tsx/.test(line))).toEqual([]);
      expect(fs.readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/children`, "utf8").trim()).toBe("");

      const stoppedAt = Date.now();
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(10_000);
      // The admin is created once: the restart finds it (and the migrations) where it left them.
      expect(server.output().includes("Created the first admin"), run).toBe(run === "first start");
    }
  } finally {
    // A failed check must not leave the server running into the next test file.
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
    await server?.exited;
    await database.drop();
  }
});
