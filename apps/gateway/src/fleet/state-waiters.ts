type Waiter = () => void;

/**
 * Held check-ins, by device: a long-poll waits here until its device's state changes (wake) or
 * its wait ends. Each waiter is a closure and a timer, so ten thousand held requests stay cheap.
 */
export class StateWaiters {
  private readonly waiting = new Map<string, Set<Waiter>>();
  private closed = false;

  /** Resolves on wake, after `ms`, or when `signal` aborts (the agent hung up); at once once closed. */
  wait(deviceId: string, ms: number, signal?: AbortSignal): Promise<void> {
    if (this.closed || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      let set = this.waiting.get(deviceId);
      if (!set) this.waiting.set(deviceId, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        set.delete(done);
        if (set.size === 0 && this.waiting.get(deviceId) === set) this.waiting.delete(deviceId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", done, { once: true });
      set.add(done);
    });
  }

  wake(deviceId: string): void {
    for (const done of [...(this.waiting.get(deviceId) ?? [])]) done();
  }

  wakeAll(): void {
    for (const deviceId of [...this.waiting.keys()]) this.wake(deviceId);
  }

  /** Shutting down: release everyone, and hold no one from now on. */
  close(): void {
    this.closed = true;
    this.wakeAll();
  }
}
