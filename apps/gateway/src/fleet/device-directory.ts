import { findDeviceByTokenHash, type AuthenticatedDevice } from "@helpline/core";

const MAX_ENTRIES = 200_000;
// Forgets remembered one by one; beyond this many, every load in flight is treated as stale instead.
const MAX_FORGOTTEN = 100_000;

/**
 * Devices by token hash, kept in memory so a check-in that changes nothing reads no row. Every
 * change to a device is announced on the device channel, and `forget` drops the entry, so the next
 * check-in reads it fresh. Unknown tokens are never cached (a flood of them must not fill memory).
 *
 * A lookup that started before its device was forgotten may carry stale data: it is answered but
 * neither kept nor joined by later lookups. This is judged per device — after a bulk change the
 * announcements of other devices keep arriving for a while, and must not stop every load from
 * being kept (that turned a fleet's steady state into one database read per check-in).
 */
export class DeviceDirectory {
  private readonly byHash = new Map<string, AuthenticatedDevice>();
  private readonly hashById = new Map<string, string>();
  private readonly loading = new Map<string, Promise<AuthenticatedDevice | null>>();
  private epoch = 0;
  private readonly forgottenAt = new Map<string, number>();
  // Loads started before this epoch are never kept (after forgetAll, or once forgottenAt was pruned).
  private floor = 0;

  /** The device if it is in memory: no promise, for the hot path. */
  cached(tokenHash: string): AuthenticatedDevice | undefined {
    return this.byHash.get(tokenHash);
  }

  async lookup(tokenHash: string): Promise<AuthenticatedDevice | null> {
    const cached = this.cached(tokenHash);
    if (cached) return cached;
    const pending = this.loading.get(tokenHash);
    if (pending) return pending;
    const startedAt = this.epoch;
    const load = findDeviceByTokenHash(tokenHash).finally(() => {
      if (this.loading.get(tokenHash) === load) this.loading.delete(tokenHash);
    });
    this.loading.set(tokenHash, load);
    const device = await load;
    if (device && startedAt >= this.floor && (this.forgottenAt.get(device.id) ?? 0) <= startedAt) this.remember(tokenHash, device);
    return device;
  }

  private remember(tokenHash: string, device: AuthenticatedDevice): void {
    if (this.byHash.size >= MAX_ENTRIES && !this.byHash.has(tokenHash)) this.evictOldest();
    this.byHash.set(tokenHash, device);
    this.hashById.set(device.id, tokenHash);
  }

  forget(deviceId: string): void {
    this.epoch++;
    if (this.forgottenAt.size >= MAX_FORGOTTEN) {
      this.forgottenAt.clear();
      this.floor = this.epoch;
    }
    this.forgottenAt.set(deviceId, this.epoch);
    const tokenHash = this.hashById.get(deviceId);
    if (tokenHash === undefined) {
      // Which load in flight is this device's is unknown: let none of them be joined.
      this.loading.clear();
      return;
    }
    this.loading.delete(tokenHash);
    this.hashById.delete(deviceId);
    this.byHash.delete(tokenHash);
  }

  forgetAll(): void {
    this.epoch++;
    this.floor = this.epoch;
    this.forgottenAt.clear();
    this.loading.clear();
    this.byHash.clear();
    this.hashById.clear();
  }

  private evictOldest(): void {
    const oldest = this.byHash.entries().next().value;
    if (!oldest) return;
    this.byHash.delete(oldest[0]);
    this.hashById.delete(oldest[1].id);
  }
}
