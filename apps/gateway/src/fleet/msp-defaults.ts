import { getMspLanguage, getPortalBranding } from "@helpline/core";

/** What every check-in answer carries from the MSP's settings. */
export type MspDefaults = {
  /** Settings ▸ Portal name (never empty: "Helpline" when the MSP set none), the tray's tooltip. */
  name: string;
  /** Settings ▸ General ▸ Language, the last step of each profile's language. */
  language: Awaited<ReturnType<typeof getMspLanguage>>;
};

const FRESH_MS = 60_000;

/**
 * The MSP's name and default language for the check-in answer, read together at most once a
 * minute per gateway: every check-in carries them, and a renamed MSP or a changed default reaching
 * agents at their next answer after that (within two minutes, a held check-in included) is soon
 * enough for a tooltip and a fallback language, without bumping every device of every customer.
 * Concurrent callers while a read is in flight share it.
 */
export class MspDefaultsCache {
  private value: MspDefaults | null = null;
  private readAt = 0;
  private pending: Promise<MspDefaults> | null = null;

  /** The remembered values while fresh (no promise, for the hot path), else one shared read. */
  current(now = Date.now()): MspDefaults | Promise<MspDefaults> {
    if (this.value !== null && now - this.readAt < FRESH_MS) return this.value;
    this.pending ??= Promise.all([getPortalBranding(), getMspLanguage()])
      .then(([branding, language]) => {
        this.value = { name: branding.name, language };
        this.readAt = Date.now();
        return this.value;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
