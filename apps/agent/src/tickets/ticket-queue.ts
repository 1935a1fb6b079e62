import fs from "node:fs";
import path from "node:path";
import type { TCreateTicketRequest } from "@helpline/protocol";
import { removeFileDurably, writeFileDurably } from "../durable-file.ts";

export type TicketFailure = { status: number; code: string; message: string; at: string };
export type QueuedTicketMeta = {
  idempotencyKey: string;
  profile: string;
  title: string;
  createdAt: string;
  failure?: TicketFailure;
};
export type QueueEntry = { file: string; meta: QueuedTicketMeta };
export type QueuedTicketRequest = TCreateTicketRequest & { idempotencyKey: string };

const SUFFIX = ".ticket";
// A temp file older than this was left by a process killed mid-write: its ticket was never
// renamed into the queue, so nobody was told it was saved.
const STALE_TEMP_MS = 10 * 60_000;
const HEAD_BYTES = 64 * 1024;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === "ENOENT";
}

/**
 * Tickets not yet accepted by the server, one file each under `<state>/queue/` (and the ones the
 * server refused under `<state>/queue/failed/`). The first line of a file is a small summary (what
 * My tickets lists without reading the attachments), the second the request exactly as it will be
 * sent, idempotency key included, so every retry from any process is the same ticket.
 */
export class TicketQueue {
  readonly dir: string;
  readonly failedDir: string;

  constructor(stateDir: string) {
    this.dir = path.join(stateDir, "queue");
    this.failedDir = path.join(this.dir, "failed");
  }

  /** Durable once this returns: the ticket survives a crash, a kill or a reboot from here on. */
  add(request: QueuedTicketRequest): QueueEntry {
    const existing = this.pending().find((entry) => entry.meta.idempotencyKey === request.idempotencyKey);
    if (existing) return existing;
    fs.mkdirSync(this.failedDir, { recursive: true, mode: 0o700 });
    const createdAt = new Date();
    const meta: QueuedTicketMeta = {
      idempotencyKey: request.idempotencyKey,
      profile: request.profile,
      title: request.title,
      createdAt: createdAt.toISOString(),
    };
    // Named by time first, so a plain sort sends the oldest ticket first.
    const file = path.join(
      this.dir,
      `${String(createdAt.getTime()).padStart(15, "0")}-${request.idempotencyKey}${SUFFIX}`,
    );
    writeFileDurably(file, `${JSON.stringify(meta)}\n${JSON.stringify(request)}\n`);
    return { file, meta };
  }

  pending(): QueueEntry[] {
    return this.list(this.dir);
  }

  failed(): QueueEntry[] {
    return this.list(this.failedDir);
  }

  /** The request to send, or null when another process already delivered (and removed) it. */
  read(entry: QueueEntry): QueuedTicketRequest | null {
    try {
      const [, request] = fs.readFileSync(entry.file, "utf8").split("\n");
      return JSON.parse(request!) as QueuedTicketRequest;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** The server has the ticket. */
  remove(entry: QueueEntry): void {
    removeFileDurably(entry.file);
  }

  /** The server refused it for good: kept aside with its reason until the user dismisses it. */
  fail(entry: QueueEntry, failure: TicketFailure): void {
    const request = this.read(entry);
    if (!request) return;
    fs.mkdirSync(this.failedDir, { recursive: true, mode: 0o700 });
    writeFileDurably(
      path.join(this.failedDir, path.basename(entry.file)),
      `${JSON.stringify({ ...entry.meta, failure })}\n${JSON.stringify(request)}\n`,
    );
    removeFileDurably(entry.file);
  }

  dismiss(idempotencyKey: string): void {
    for (const entry of this.failed()) if (entry.meta.idempotencyKey === idempotencyKey) removeFileDurably(entry.file);
  }

  private list(dir: string): QueueEntry[] {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const entries: QueueEntry[] = [];
    for (const name of names.sort()) {
      const file = path.join(dir, name);
      if (name.startsWith(".")) {
        this.removeIfStale(file);
        continue;
      }
      if (!name.endsWith(SUFFIX)) continue;
      const meta = this.readMeta(file);
      if (meta) entries.push({ file, meta });
    }
    return entries;
  }

  private readMeta(file: string): QueuedTicketMeta | null {
    let fd: number;
    try {
      fd = fs.openSync(file, "r");
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const head = Buffer.alloc(HEAD_BYTES);
      const length = fs.readSync(fd, head, 0, HEAD_BYTES, 0);
      const firstLine = head.subarray(0, length).toString("utf8").split("\n")[0]!;
      return JSON.parse(firstLine) as QueuedTicketMeta;
    } finally {
      fs.closeSync(fd);
    }
  }

  private removeIfStale(file: string): void {
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > STALE_TEMP_MS) fs.unlinkSync(file);
    } catch {
      // Gone already, or still being written by another process: nothing to clean.
    }
  }
}
