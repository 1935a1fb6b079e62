import { describe, expect, it } from "vitest";
import { HOTKEYS, parseHotkey } from "./hotkeys.ts";

describe("hotkeys", () => {
  it("maps Ctrl+F12 to the Add Ticket form", () => {
    expect(HOTKEYS.map((hotkey) => [hotkey.keys, hotkey.action])).toEqual([["Ctrl+F12", "add-ticket"]]);
    expect(parseHotkey("ctrl + f12")).toEqual(parseHotkey("Ctrl+F12"));
    expect(parseHotkey("Ctrl+Shift+F12")).not.toEqual(parseHotkey("Ctrl+F12"));
  });

  it("speaks RegisterHotKey: MOD_CONTROL and VK_F12", () => {
    expect(HOTKEYS).toEqual([{ keys: "Ctrl+F12", modifiers: 0x2, virtualKey: 0x7b, action: "add-ticket" }]);
    expect(parseHotkey("Alt+Shift+F1")).toEqual({ modifiers: 0x5, virtualKey: 0x70 });
    expect(parseHotkey("Win+K")).toEqual({ modifiers: 0x8, virtualKey: 0x4b });
    expect(() => parseHotkey("Hyper+F12")).toThrow(/unknown modifier/);
    expect(() => parseHotkey("Ctrl+F25")).toThrow(/unknown key/);
  });
});
