import { getPortalBranding } from "@helpline/core";

const FRESH_MS = 60_000;

/**
 * The MSP's name from Settings ▸ Portal, for the check-in answer's `mspName` (the Windows tray's
 * tooltip). Read at most once a minute per gateway: every check-in carries it, and a renamed MSP
 * reaching trays within a minute or two is soon enough for a tooltip.
 */
export class MspName {
  private value: string | null = null;
  private readAt = 0;
  private pending: Promise<string> | null = null;

  /** The name (never empty: "Helpline" when the MSP set none); the remembered one while fresh. */
  async current(now = Date.now()): Promise<string> {
    if (this.value !== null && now - this.readAt < FRESH_MS) return this.value;
    this.pending ??= getPortalBranding()
      .then((branding) => {
        this.value = branding.name;
        this.readAt = Date.now();
        return branding.name;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
