import fs from "node:fs";
import { createScratchDatabase } from "@helpline/db/testing";
import { rawRequest } from "@helpline/gateway/testing/raw-http";
import { expect, it } from "vitest";
import {
  killConsoleProcess,
  pickPort,
  startConsoleProcess,
  waitForHealth,
  type ConsoleProcess,
} from "./src/testing/console-process.ts";

it(
  "serves console and gateway on one port, and SIGTERM closes it cleanly so the next start finds its data",
  { timeout: 300_000 },
  async () => {
    // A first start needs an empty database of its own.
    const database = await createScratchDatabase({
      serverUrl: process.env.DATABASE_URL || undefined,
      label: "lifecycle",
    });
    const port = pickPort(3200, 3699);
    const env = {
      ...database.env,
      PORT: port,
      HELPLINE_ADMIN_EMAIL: "lifecycle@example.test",
      HELPLINE_ADMIN_PASSWORD: "lifecycle password",
    };

    let server: ConsoleProcess | null = null;
    try {
      for (const run of ["first start", "restart"]) {
        server = startConsoleProcess(env);
        const health = await waitForHealth(`http://127.0.0.1:${port}/api/health`, server.exited);
        expect(health.status, server.output()).toBe(200);
        const page = await fetch(`http://127.0.0.1:${port}/devices`, { redirect: "manual" });
        expect(page.status).toBe(307);
        expect(page.headers.get("location")).toContain("/sign-in");
        expect((await fetch(`http://127.0.0.1:${port}/sign-in`)).status).toBe(200);
        // After a console request (when Next would have claimed `upgrade`), a request asking to
        // switch protocols is still answered as a plain one, agent paths included.
        const upgrade =
          "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        const health2 = await rawRequest(Number(port), `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n${upgrade}\r\n`);
        expect(health2.status).toBe(200);
        const checkin = await rawRequest(
          Number(port),
          `POST /api/agent/v1/checkin HTTP/1.1\r\nHost: 127.0.0.1\r\n${upgrade}Content-Length: 0\r\n\r\n`,
        );
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
      await killConsoleProcess(server);
      await database.drop();
    }
  },
);

it("refuses to start on a variable it cannot use, with one line naming it", { timeout: 120_000 }, async () => {
  const server = startConsoleProcess({ PORT: pickPort(3200, 3699), HELPLINE_PUBLIC_URL: "help.example.com" });
  expect(await server.exited).toBe(1);
  expect(server.output()).toBe(
    'Helpline cannot start: HELPLINE_PUBLIC_URL must be a http:// or https:// address such as https://help.example.com, not "help.example.com".\n',
  );
});
