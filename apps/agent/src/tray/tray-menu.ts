import { getTranslator, type Locale } from "@helpline/i18n";
import type { THelpdeskState } from "@helpline/protocol";

/** What the tray menu, the hotkey and the local page's nav can ask for. */
export type SurfaceAction = "add-ticket" | "settings" | "my-tickets" | "portal";
export type TrayMenuItem = { label: string; action: SurfaceAction };

// The menu's order, and each item's label in the catalogs' `tray` namespace.
const MENU = [
  { key: "createTicket", action: "add-ticket" },
  { key: "settings", action: "settings" },
  { key: "myTickets", action: "my-tickets" },
  { key: "portal", action: "portal" },
] as const;

/** The tray menu in `locale` ("Create New Ticket", … in English; « Créer un nouveau ticket », … in French). */
export function trayMenu(locale: Locale): TrayMenuItem[] {
  const t = getTranslator(locale, "tray");
  return MENU.map((item) => ({ label: t(item.key), action: item.action }));
}

/** The tray menu in English. */
export const TRAY_MENU: readonly TrayMenuItem[] = trayMenu("en");

export function isSurfaceAction(value: string): value is SurfaceAction {
  return TRAY_MENU.some((item) => item.action === value);
}

/**
 * The local page an action opens for the profile signed in now. Until the identity is confirmed
 * the server would refuse a ticket or a portal link, so those lead to Personal Info Settings,
 * which says why.
 */
export function pageForAction(action: SurfaceAction, helpdesk: THelpdeskState): string {
  const confirmed = helpdesk.identity?.confirmed === true;
  switch (action) {
    case "add-ticket":
      return confirmed ? "/add-ticket" : "/settings?for=ticket";
    case "portal":
      return confirmed ? "/portal" : "/settings?for=portal";
    case "settings":
      return "/settings";
    case "my-tickets":
      return "/tickets";
  }
}
