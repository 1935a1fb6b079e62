import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { TrayAdapter } from "./tray-adapter.ts";
import { isSurfaceAction } from "./tray-menu.ts";
import { encodePowerShell, windowsTrayScript } from "./windows-tray-script.ts";

export type SpawnTrayProcess = (command: string, args: string[]) => ChildProcess;

const spawnHidden: SpawnTrayProcess = (command, args) =>
  spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], windowsHide: true });

const STOP_GRACE_MS = 3_000;

/**
 * The tray icon and Ctrl+F12 on Windows: one PowerShell process (no native npm module, nothing to
 * download) running windowsTrayScript. This side only starts it, turns its stdout lines into
 * actions, and stops it by closing its stdin (then kills it if it lingers).
 */
export function windowsTray(options: { log: (line: string) => void; spawnProcess?: SpawnTrayProcess }): TrayAdapter {
  const spawnProcess = options.spawnProcess ?? spawnHidden;
  return {
    start: (tray) => {
      const script = windowsTrayScript(tray);
      const child = spawnProcess("powershell.exe", [
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Bypass",
        "-WindowStyle",
        "Hidden",
        "-EncodedCommand",
        encodePowerShell(script),
      ]);
      let stopping = false;
      child.on("error", (error) => options.log(`Tray icon: ${error.message}`));
      child.on("exit", (code) => {
        if (!stopping) options.log(`Tray icon: PowerShell exited (${code ?? "killed"}); the local page still works.`);
      });
      if (child.stdout) {
        createInterface({ input: child.stdout }).on("line", (line) => {
          const action = line.trim();
          if (isSurfaceAction(action)) tray.onAction(action);
        });
      }
      if (child.stderr)
        createInterface({ input: child.stderr }).on(
          "line",
          (line) => line.trim() && options.log(`Tray icon: ${line.trim()}`),
        );
      return {
        stop: () => {
          if (stopping) return;
          stopping = true;
          child.stdin?.end();
          setTimeout(() => {
            if (child.exitCode === null && child.signalCode === null) child.kill();
          }, STOP_GRACE_MS).unref();
        },
      };
    },
  };
}
