import { getMspLanguage } from "@helpline/core";

type Locale = Awaited<ReturnType<typeof getMspLanguage>>;

const FRESH_MS = 60_000;

/**
 * The MSP's default language for end users (Settings ▸ General ▸ Language), the last step of each
 * profile's language in the check-in answer. Read at most once a minute per gateway, like the
 * MSP's name: a changed default reaches agents at their next answer after that (within two
 * minutes, a held check-in included), without bumping every device of every customer.
 */
export class MspLanguage {
  private value: Locale | null = null;
  private readAt = 0;
  private pending: Promise<Locale> | null = null;

  /** The language; the remembered one while fresh. */
  async current(now = Date.now()): Promise<Locale> {
    if (this.value !== null && now - this.readAt < FRESH_MS) return this.value;
    this.pending ??= getMspLanguage()
      .then((language) => {
        this.value = language;
        this.readAt = Date.now();
        return language;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
