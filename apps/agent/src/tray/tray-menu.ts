import type { THelpdeskState } from "@helpline/protocol";

/** What the tray menu, the hotkey and the local page's nav can ask for. */
export type SurfaceAction = "add-ticket" | "settings" | "my-tickets" | "portal";
export type TrayMenuItem = { label: string; action: SurfaceAction };

export const TRAY_MENU: readonly TrayMenuItem[] = [
  { label: "Create New Ticket", action: "add-ticket" },
  { label: "Personal Info Settings", action: "settings" },
  { label: "My tickets", action: "my-tickets" },
  { label: "Open Customer Portal", action: "portal" },
];

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
