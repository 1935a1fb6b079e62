import { noTray, type TrayAdapter } from "./tray-adapter.ts";
import { windowsTray } from "./windows-tray.ts";

/** The tray of this OS: the PowerShell one on Windows, none elsewhere (the local page is the surface). */
export function platformTray(log: (line: string) => void, platform: NodeJS.Platform = process.platform): TrayAdapter {
  return platform === "win32" ? windowsTray({ log }) : noTray;
}
