import { describe, expect, it } from "vitest";
import { isSurfaceAction, pageForAction, TRAY_MENU, trayMenu } from "./tray-menu.ts";

const unconfirmed = { active: true, identity: null };
const confirmed = {
  active: true,
  identity: { confirmed: true as const, fullName: "Alice Martin", email: "alice@contoso.test" },
};

describe("the tray menu", () => {
  it("offers the four actions of the vendor's menu, in its order", () => {
    expect(TRAY_MENU.map((item) => item.label)).toEqual([
      "Create New Ticket",
      "Personal Info Settings",
      "My tickets",
      "Open Customer Portal",
    ]);
  });

  it("offers them in French with the vendor's French labels", () => {
    expect(trayMenu("fr").map((item) => item.label)).toEqual([
      "Créer un nouveau ticket",
      "Paramètres personnels",
      "Mes tickets",
      "Ouvrir le portail client",
    ]);
  });

  it("opens the Add Ticket form once the identity is confirmed", () => {
    expect(TRAY_MENU.map((item) => pageForAction(item.action, confirmed))).toEqual([
      "/add-ticket",
      "/settings",
      "/tickets",
      "/portal",
    ]);
  });

  it("leads Create New Ticket (and the portal) to Personal Info Settings while the identity is unconfirmed", () => {
    expect(TRAY_MENU.map((item) => pageForAction(item.action, unconfirmed))).toEqual([
      "/settings?for=ticket",
      "/settings",
      "/tickets",
      "/settings?for=portal",
    ]);
  });

  it("knows its actions, and nothing else a helper process might print", () => {
    expect(isSurfaceAction("add-ticket")).toBe(true);
    expect(isSurfaceAction("format-c")).toBe(false);
  });
});
