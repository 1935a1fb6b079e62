import type { SurfaceAction } from "./tray-menu.ts";

/** A global hotkey in RegisterHotKey terms: MOD_* flags and a virtual-key code. */
export type Hotkey = { keys: string; modifiers: number; virtualKey: number; action: SurfaceAction };

const MODIFIERS: Record<string, number> = { alt: 0x1, ctrl: 0x2, shift: 0x4, win: 0x8 };

/** "Ctrl+F12" → MOD_CONTROL + VK_F12; throws on a key it does not know, so a typo fails in tests. */
export function parseHotkey(keys: string): { modifiers: number; virtualKey: number } {
  const parts = keys.split("+").map((part) => part.trim().toLowerCase());
  const key = parts.pop() ?? "";
  let modifiers = 0;
  for (const part of parts) {
    const flag = MODIFIERS[part];
    if (flag === undefined) throw new Error(`unknown modifier "${part}" in ${keys}`);
    modifiers |= flag;
  }
  const fKey = /^f([1-9]|1\d|2[0-4])$/.exec(key);
  if (fKey) return { modifiers, virtualKey: 0x6f + Number(fKey[1]) };
  if (/^[a-z0-9]$/.test(key)) return { modifiers, virtualKey: key.toUpperCase().charCodeAt(0) };
  throw new Error(`unknown key "${key}" in ${keys}`);
}

function hotkey(keys: string, action: SurfaceAction): Hotkey {
  return { keys, ...parseHotkey(keys), action };
}

export const HOTKEYS: readonly Hotkey[] = [hotkey("Ctrl+F12", "add-ticket")];
