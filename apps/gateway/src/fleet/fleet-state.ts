import { DEVICE_CHANNEL, STALE_PREFIX } from "@helpline/core";
import { listenToChannel } from "@helpline/db";
import { DeviceDirectory } from "./device-directory.ts";
import { LastSeenBuffer } from "./last-seen-buffer.ts";
import { MspDefaultsCache } from "./msp-defaults.ts";
import { StateWaiters } from "./state-waiters.ts";

/** What one gateway process keeps about the fleet between check-ins, and how it stays current. */
export class FleetState {
  readonly directory = new DeviceDirectory();
  readonly waiters = new StateWaiters();
  readonly lastSeen = new LastSeenBuffer();
  readonly mspDefaults = new MspDefaultsCache();
  private stopListening: (() => Promise<void>) | null = null;

  /** Follows device changes made by any process on this database (LISTEN/NOTIFY). */
  async start(): Promise<void> {
    this.lastSeen.start();
    this.stopListening = await listenToChannel(DEVICE_CHANNEL, {
      onPayload: (payload) =>
        payload.startsWith(STALE_PREFIX)
          ? this.directory.forget(payload.slice(STALE_PREFIX.length))
          : this.deviceChanged(payload),
      // Notifications may have been lost while disconnected: trust nothing cached.
      onReconnect: () => {
        this.directory.forgetAll();
        this.waiters.wakeAll();
      },
    });
  }

  deviceChanged(deviceId: string): void {
    this.directory.forget(deviceId);
    this.waiters.wake(deviceId);
  }

  /** Held check-ins answer now (with the current state) instead of holding the shutdown up. */
  releaseHeld(): void {
    this.waiters.close();
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = null;
    await this.lastSeen.stop();
  }
}
