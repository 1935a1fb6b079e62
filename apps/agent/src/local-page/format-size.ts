import { intlLocale, type Locale } from "@helpline/i18n";
import { pageTranslator } from "./html.ts";

const UNITS = [
  ["GiB", 1024 * 1024 * 1024],
  ["MiB", 1024 * 1024],
] as const;

/**
 * A size on the local page, in `locale`: English word for word as formatBytes writes it ("1 GiB",
 * "8.8 MiB", "300 KiB", "12 bytes"); French with its decimal comma and units ("8,8 Mio",
 * "300 Kio", "12 octets"), as the portal writes its limit. Limits are round, what came has one
 * decimal.
 */
export function formatSize(bytes: number, locale: Locale): string {
  const t = pageTranslator(locale);
  const amount = (value: number, digits: number) =>
    new Intl.NumberFormat(intlLocale(locale), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
    }).format(value);
  for (const [unit, size] of UNITS) {
    const value = bytes / size;
    if (value >= 1) return t("size", { unit, amount: amount(value, Number.isInteger(value) ? 0 : 1) });
  }
  if (bytes >= 1024) return t("size", { unit: "KiB", amount: amount(Math.round(bytes / 1024), 0) });
  return t("size", { unit: "bytes", amount: amount(bytes, 0) });
}
