import { createTranslator } from "use-intl/core";
import { CATALOGS, type Locale, type Messages } from "./locales.ts";

export type Namespace = Exclude<keyof Messages, "meta">;

/**
 * A translator for one namespace of the catalogs (`agent`, `tray`, `portal`, `mail`, `common`):
 * `t("key", { name })` formats the ICU message in `locale` (use-intl, the core of next-intl, so
 * the portal's React components and these share one syntax and one catalog). Keys are typed from
 * the English catalog: an unknown key fails the typecheck. `timeZone` (IANA) is the zone ICU
 * `{at, date}` arguments are written in. A message that cannot be formatted throws (the tests meet
 * it, rather than a person reading a raw key).
 */
export function getTranslator<N extends Namespace>(locale: Locale, namespace: N, timeZone = "UTC") {
  return createTranslator({
    locale,
    messages: CATALOGS[locale] as Messages,
    namespace,
    timeZone,
    onError(error) {
      throw error;
    },
  });
}

export type Translator<N extends Namespace> = ReturnType<typeof getTranslator<N>>;
