import type { ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { HOTKEYS } from "./hotkeys.ts";
import { TRAY_MENU, type SurfaceAction } from "./tray-menu.ts";
import { encodePowerShell, windowsTrayScript } from "./windows-tray-script.ts";
import { windowsTray } from "./windows-tray.ts";

// The PowerShell side cannot run on this Linux machine: a fake child process stands in for it.
function fakePowerShell() {
  const child = Object.assign(new EventEmitter(), {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    exitCode: null,
    signalCode: null,
    kill: () => true,
  });
  const calls: { command: string; args: string[] }[] = [];
  const spawnProcess = (command: string, args: string[]) => (
    calls.push({ command, args }),
    child as unknown as ChildProcess
  );
  return { child, calls, spawnProcess };
}

describe("the Windows tray adapter", () => {
  it("builds a NotifyIcon menu with the four items and registers Ctrl+F12 (MOD_CONTROL|MOD_NOREPEAT, VK_F12)", () => {
    const script = windowsTrayScript({ tooltip: "Helpline Helpdesk", menu: TRAY_MENU, hotkeys: HOTKEYS });
    for (const item of TRAY_MENU)
      expect(script).toContain(`$menu.Items.Add('${item.label}').add_Click({ Emit '${item.action}' })`);
    expect(script).toContain("$hotkeys.Register(0, 16386, 123)");
    expect(script).toContain("0 { Emit 'add-ticket' }");
    expect(script).toContain("RegisterHotKey");
    expect(script).toContain("[System.Windows.Forms.Application]::Run()");
    expect(
      windowsTrayScript({ tooltip: "It's", menu: [{ label: "Bob's item", action: "settings" }], hotkeys: [] }),
    ).toContain("'Bob''s item'");
  });

  it("starts PowerShell with the encoded script, turns its output lines into actions, and ignores anything else", async () => {
    const fake = fakePowerShell();
    const actions: SurfaceAction[] = [];
    const logs: string[] = [];
    const tray = windowsTray({ log: (line) => logs.push(line), spawnProcess: fake.spawnProcess }).start({
      tooltip: "Helpline Helpdesk",
      menu: TRAY_MENU,
      hotkeys: HOTKEYS,
      onAction: (action) => actions.push(action),
    });
    expect(fake.calls[0]!.command).toBe("powershell.exe");
    const encoded = fake.calls[0]!.args.at(-1)!;
    expect(Buffer.from(encoded, "base64").toString("utf16le")).toContain("Create New Ticket");
    expect(encoded).toBe(
      encodePowerShell(windowsTrayScript({ tooltip: "Helpline Helpdesk", menu: TRAY_MENU, hotkeys: HOTKEYS })),
    );

    fake.child.stdout.write("add-ticket\r\nportal\nrm -rf /\n");
    fake.child.stderr.write("Ctrl+F12 is already taken by another program.\n");
    await new Promise((resolve) => setImmediate(resolve));
    expect(actions).toEqual(["add-ticket", "portal"]);
    expect(logs).toContain("Tray icon: Ctrl+F12 is already taken by another program.");

    let stdinClosed = false;
    fake.child.stdin.on("finish", () => (stdinClosed = true));
    tray.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stdinClosed).toBe(true);
    fake.child.emit("exit", 0);
    expect(logs.some((line) => line.includes("exited"))).toBe(false);
  });
});
