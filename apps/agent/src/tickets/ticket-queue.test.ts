import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TicketQueue, type QueuedTicketRequest } from "./ticket-queue.ts";

const stateDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "helpline-queue-"));
const request = (key: string, title = `Printer ${key}`): QueuedTicketRequest => ({
  profile: "CONTOSO\\alice",
  idempotencyKey: key,
  title,
  description: "It blinks.",
  attachments: [{ name: "a.txt", contentType: "text/plain", dataBase64: Buffer.from("hello").toString("base64") }],
});

describe("TicketQueue", () => {
  it("keeps each ticket as one private file, oldest first, with its idempotency key, and reads it back as saved", async () => {
    const queue = new TicketQueue(stateDir());
    const first = queue.add(request("key-00000001"));
    await new Promise((resolve) => setTimeout(resolve, 5));
    queue.add(request("key-00000002"));
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    expect(queue.pending().map((entry) => entry.meta.idempotencyKey)).toEqual(["key-00000001", "key-00000002"]);
    expect(queue.pending()[0]!.meta).toMatchObject({ profile: "CONTOSO\\alice", title: "Printer key-00000001" });
    expect(queue.read(first)).toEqual(request("key-00000001"));
    // The same key again (a form submitted twice) is the same queued ticket.
    expect(queue.add(request("key-00000001")).file).toBe(first.file);
    expect(queue.pending()).toHaveLength(2);
  });

  it("removes a delivered ticket, and moves a refused one aside with the server's reason until dismissed", () => {
    const queue = new TicketQueue(stateDir());
    const delivered = queue.add(request("key-delivered"));
    const refused = queue.add(request("key-refused"));
    queue.remove(delivered);
    queue.remove(delivered); // another process got there first: fine
    expect(queue.read(delivered)).toBeNull();
    queue.fail(refused, {
      status: 413,
      code: "payload_too_large",
      message: "Attachments may total at most 10 MiB.",
      at: "2026-11-23T22:00:00.000Z",
    });
    expect(queue.pending()).toEqual([]);
    expect(queue.failed()).toHaveLength(1);
    expect(queue.failed()[0]!.meta.failure).toMatchObject({
      status: 413,
      message: "Attachments may total at most 10 MiB.",
    });
    expect(queue.read(queue.failed()[0]!)).toEqual(request("key-refused"));
    queue.dismiss("key-refused");
    expect(queue.failed()).toEqual([]);
  });

  it("skips temp files of an interrupted write and cleans up stale ones", () => {
    const dir = stateDir();
    const queue = new TicketQueue(dir);
    queue.add(request("key-kept"));
    const fresh = path.join(queue.dir, ".half.ticket.123.tmp");
    const stale = path.join(queue.dir, ".old.ticket.456.tmp");
    fs.writeFileSync(fresh, '{"idempotencyKey":');
    fs.writeFileSync(stale, '{"idempotencyKey":');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(stale, anHourAgo, anHourAgo);
    expect(queue.pending().map((entry) => entry.meta.idempotencyKey)).toEqual(["key-kept"]);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(fs.existsSync(stale)).toBe(false);
  });

  it("never holds a torn ticket after SIGKILL in the middle of writing", { timeout: 20_000 }, async () => {
    const dir = stateDir();
    const module = path.join(path.dirname(fileURLToPath(import.meta.url)), "ticket-queue.ts");
    // A writer that saves 200 KiB tickets as fast as it can, killed at a random moment.
    const script = `const { TicketQueue } = await import(${JSON.stringify(module)});
const queue = new TicketQueue(${JSON.stringify(dir)});
const data = Buffer.alloc(200 * 1024, 7).toString("base64");
console.log("ready");
for (let i = 0; ; i++) queue.add({ profile: "p", idempotencyKey: "kill-" + String(i).padStart(8, "0"), title: "t" + i, description: "", attachments: [{ name: "x.bin", contentType: "application/octet-stream", dataBase64: data }] });`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 300));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const queue = new TicketQueue(dir);
    const entries = queue.pending();
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries)
      expect(queue.read(entry)?.attachments?.[0]?.dataBase64.length).toBe(Math.ceil((200 * 1024) / 3) * 4);
  });
});
