import type { Locale, Messages } from "@helpline/i18n";

// next-intl's keys and locales typed from the shared catalogs: a key missing from en.json fails
// the typecheck in the portal's pages as it does in the mails and the agent.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
