import { flushLastSeen } from "@helpline/core";

const FLUSH_EVERY_MS = 5_000;

/** Last-seen times gathered in memory and written in one statement every few seconds. */
export class LastSeenBuffer {
  private pending = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  record(deviceId: string, at: Date): void {
    this.pending.set(deviceId, at);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), FLUSH_EVERY_MS).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Writes what has gathered; on a database error the times are kept for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await flushLastSeen(batch);
      } catch {
        for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      }
    });
    return this.flushing;
  }
}
