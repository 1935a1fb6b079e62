import { DEFAULT_LOCALE, isLocale, type Locale } from "@helpline/i18n";
import { getPrisma, type Prisma } from "@helpline/db";

/** Where Settings ▸ General ▸ Language is kept (SystemSetting). */
export const MSP_LANGUAGE_KEY = "general.language";

/**
 * The MSP's default language for end users (Settings ▸ General ▸ Language): the last step of the
 * language order, English while unset or when the stored code is no longer a catalog. `db` is the
 * caller's transaction when there is one.
 */
export async function getMspLanguage(options: { db?: Prisma.TransactionClient } = {}): Promise<Locale> {
  const row = await (options.db ?? getPrisma()).systemSetting.findUnique({
    where: { key: MSP_LANGUAGE_KEY },
    select: { value: true },
  });
  return isLocale(row?.value) ? row.value : DEFAULT_LOCALE;
}
