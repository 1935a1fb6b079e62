import type { Hotkey } from "./hotkeys.ts";
import type { TrayMenuItem } from "./tray-menu.ts";

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

// RegisterHotKey's MOD_NOREPEAT: holding the keys down opens one form, not one per repeat.
const MOD_NOREPEAT = 0x4000;

/**
 * The PowerShell program behind the tray icon: a NotifyIcon with its ContextMenuStrip, and a hidden
 * NativeWindow that registers the global hotkeys. It knows nothing of the agent: it prints the
 * chosen action on stdout, one per line, and leaves (removing its icon) when its stdin closes,
 * which is how the agent stops it — and what happens if the agent dies.
 */
export function windowsTrayScript(options: {
  tooltip: string;
  menu: readonly TrayMenuItem[];
  hotkeys: readonly Hotkey[];
}): string {
  const items = options.menu.map(
    (item) => `$menu.Items.Add(${quote(item.label)}).add_Click({ Emit ${quote(item.action)} }) | Out-Null`,
  );
  const registrations = options.hotkeys.map(
    (hotkey, id) =>
      `if (-not $hotkeys.Register(${id}, ${hotkey.modifiers | MOD_NOREPEAT}, ${hotkey.virtualKey})) { [Console]::Error.WriteLine(${quote(`${hotkey.keys} is already taken by another program.`)}) }`,
  );
  const pressed = options.hotkeys.map((hotkey, id) => `${id} { Emit ${quote(hotkey.action)} }`);
  return `$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Windows.Forms, System.Drawing
Add-Type -ReferencedAssemblies System.Windows.Forms -TypeDefinition @"
using System;
using System.Runtime.InteropServices;
using System.Windows.Forms;
public class HelplineHotkeys : NativeWindow {
  [DllImport("user32.dll")] static extern bool RegisterHotKey(IntPtr hWnd, int id, uint modifiers, uint vk);
  [DllImport("user32.dll")] static extern bool UnregisterHotKey(IntPtr hWnd, int id);
  public event Action<int> Pressed;
  int count;
  public HelplineHotkeys() { CreateHandle(new CreateParams()); }
  public bool Register(int id, uint modifiers, uint vk) { count = Math.Max(count, id + 1); return RegisterHotKey(Handle, id, modifiers, vk); }
  protected override void WndProc(ref Message m) {
    if (m.Msg == 0x0312 && Pressed != null) Pressed(m.WParam.ToInt32());
    base.WndProc(ref m);
  }
  public void Release() { for (int i = 0; i < count; i++) UnregisterHotKey(Handle, i); DestroyHandle(); }
}
"@
function Emit([string] $action) { [Console]::Out.WriteLine($action); [Console]::Out.Flush() }
$menu = New-Object System.Windows.Forms.ContextMenuStrip
${items.join("\n")}
$icon = New-Object System.Windows.Forms.NotifyIcon
$icon.Icon = [System.Drawing.SystemIcons]::Information
$icon.Text = ${quote(options.tooltip.slice(0, 63))}
$icon.ContextMenuStrip = $menu
$icon.Visible = $true
$hotkeys = New-Object HelplineHotkeys
${registrations.join("\n")}
$hotkeys.add_Pressed({ param($id) switch ($id) { ${pressed.join("\n")} } })
$stdin = [Console]::In.ReadLineAsync()
$watch = New-Object System.Windows.Forms.Timer
$watch.Interval = 500
$watch.add_Tick({
  if ($stdin.IsCompleted) {
    $watch.Stop(); $icon.Visible = $false; $icon.Dispose(); $hotkeys.Release()
    [System.Windows.Forms.Application]::Exit()
  }
})
$watch.Start()
[System.Windows.Forms.Application]::Run()
`;
}

/** powershell.exe -EncodedCommand takes the script as base64 of UTF-16LE: no quoting to get wrong. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, "utf16le").toString("base64");
}
