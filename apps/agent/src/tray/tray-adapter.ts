import type { Hotkey } from "./hotkeys.ts";
import type { SurfaceAction, TrayMenuItem } from "./tray-menu.ts";

export type TrayOptions = {
  tooltip: string;
  menu: readonly TrayMenuItem[];
  hotkeys: readonly Hotkey[];
  onAction: (action: SurfaceAction) => void;
};
export type TrayHandle = { stop: () => void };

/** The OS part of the tray icon and hotkeys: show them, report what the user picked, go away. */
export type TrayAdapter = { start: (options: TrayOptions) => TrayHandle };

/** Where there is no tray to show (macOS and Linux today): the local page is the surface. */
export const noTray: TrayAdapter = { start: () => ({ stop: () => {} }) };
