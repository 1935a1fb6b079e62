import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A PNG of the user's screen now, or null: the Add Ticket form then opens without one. */
export type CaptureScreen = () => Promise<Buffer | null>;

/** Runs a program to completion; rejects when it is missing, fails or overruns. */
export type RunProgram = (
  command: string,
  args: string[],
  options: { timeoutMs: number; env: NodeJS.ProcessEnv },
) => Promise<void>;

type Tool = { command: string; args: (file: string) => string[] };

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DEFAULT_TIMEOUT_MS = 5_000;

function toolsFor(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Tool[] {
  // Windows: the agent runs as a service in session 0 and cannot see the user's screen; the
  // user's tray takes the screenshot and sends it (tray/tray-channel.ts).
  if (platform === "win32") return [];
  if (platform === "darwin") return [{ command: "screencapture", args: (file) => ["-x", "-t", "png", file] }];
  // X11 only: without a display there is no screen to take (a server, or a Wayland session these tools cannot read).
  if (!env.DISPLAY) return [];
  return [
    { command: "import", args: (file) => ["-window", "root", `png:${file}`] },
    { command: "gnome-screenshot", args: (file) => ["-f", file] },
    { command: "scrot", args: (file) => [file] },
    {
      command: "sh",
      args: () => [
        "-c",
        'command -v xwd >/dev/null && command -v convert >/dev/null && xwd -root -silent | convert xwd:- "png:$HELPLINE_SCREENSHOT"',
      ],
    },
  ];
}

const runProgram: RunProgram = (command, args, options) =>
  new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: options.timeoutMs, env: options.env, windowsHide: true, maxBuffer: 1024 * 1024 },
      (error) => (error ? reject(error) : resolve()),
    );
  });

/**
 * The screenshot taken when Add Ticket opens: `screencapture` on macOS, the first X11 tool that
 * is installed on Linux, none on Windows (there the tray sends its own). Time-boxed; any failure is just "no
 * screenshot", never an error for the user.
 */
export function screenCapture(
  options: { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv; run?: RunProgram; timeoutMs?: number } = {},
): CaptureScreen {
  const platform = options.platform ?? process.platform;
  const run = options.run ?? runProgram;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async () => {
    const env = options.env ?? process.env;
    const tools = toolsFor(platform, env);
    if (tools.length === 0) return null;
    const deadline = Date.now() + timeoutMs;
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "helpline-shot-"));
    const file = path.join(dir, "screen.png");
    try {
      for (const tool of tools) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) return null;
        try {
          await run(tool.command, tool.args(file), {
            timeoutMs: remaining,
            env: { ...env, HELPLINE_SCREENSHOT: file },
          });
          const png = await fs.promises.readFile(file);
          if (png.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) return png;
        } catch {
          // Not installed, no permission, or too slow: try the next tool.
        }
      }
      return null;
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  };
}
