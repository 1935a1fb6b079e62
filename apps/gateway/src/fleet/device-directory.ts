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
  // Usually one token per device; several while superseded tokens are in their grace (enrolls
  // racing each other). Kept as a bare string in the common case: 10,000s of devices live here.
  private readonly hashById = new Map<string, string | string[]>();
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
    if (device && startedAt >= this.floor && (this.forgottenAt.get(device.id) ?? 0) <= startedAt)
      this.remember(tokenHash, device);
    return device;
  }

  private remember(tokenHash: string, device: AuthenticatedDevice): void {
    if (this.byHash.size >= MAX_ENTRIES && !this.byHash.has(tokenHash)) this.evictOldest();
    this.byHash.set(tokenHash, device);
    const known = this.hashById.get(device.id);
    if (known === undefined || known === tokenHash) this.hashById.set(device.id, tokenHash);
    else if (typeof known === "string") this.hashById.set(device.id, [known, tokenHash]);
    else if (!known.includes(tokenHash)) known.push(tokenHash);
  }

  private hashesOf(deviceId: string): string[] {
    const known = this.hashById.get(deviceId);
    return known === undefined ? [] : typeof known === "string" ? [known] : known;
  }

  forget(deviceId: string): void {
    this.epoch++;
    if (this.forgottenAt.size >= MAX_FORGOTTEN) {
      this.forgottenAt.clear();
      this.floor = this.epoch;
    }
    this.forgottenAt.set(deviceId, this.epoch);
    const tokenHashes = this.hashesOf(deviceId);
    if (tokenHashes.length === 0) {
      // Which load in flight is this device's is unknown: let none of them be joined.
      this.loading.clear();
      return;
    }
    for (const tokenHash of tokenHashes) {
      this.loading.delete(tokenHash);
      this.byHash.delete(tokenHash);
    }
    this.hashById.delete(deviceId);
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
    const [tokenHash, device] = oldest;
    this.byHash.delete(tokenHash);
    const rest = this.hashesOf(device.id).filter((known) => known !== tokenHash);
    if (rest.length === 0) this.hashById.delete(device.id);
    else this.hashById.set(device.id, rest.length === 1 ? rest[0]! : rest);
  }
}
