import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { wineEnv } from "./wine.ts";

/** A Windows-like desktop under Xvfb for GUI tests (stack notes, "A desktop to test it in"). */
export type WineDesktop = {
  /**
   * Starts `exe args…` under Wine in this desktop (`console`: as a console program, outside the
   * desktop, e.g. a service host); its output (stdout and stderr) goes to `logFile`.
   */
  start: (
    exe: string,
    args: string[],
    options: { logFile: string; env?: NodeJS.ProcessEnv; console?: boolean },
  ) => ChildProcess;
  /** Runs an xdotool command line (e.g. `["key", "ctrl+F12"]`) on the display; throws when it fails. */
  xdotool: (args: string[]) => string;
  /** Saves the whole screen as a PNG at `file`. */
  screenshot: (file: string) => void;
  /** Stops Xvfb and the window manager and waits until they are gone (the prefix's Wine programs go with `wineserver -k`). */
  stop: () => Promise<void>;
};

export const DESKTOP_WIDTH = 1280;
export const DESKTOP_HEIGHT = 800;
const SIZE = `${DESKTOP_WIDTH}x${DESKTOP_HEIGHT}`;

async function waitFor(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Xvfb on `display` (its own number per caller: several helpers share the machine), openbox (without
 * a window manager Wine gets no keyboard) and Wine's desktop `shell` of the whole screen's size, with
 * a taskbar and notification area. Every program starts in that desktop at that size, so the
 * notification area stays in the screen's bottom-right corner.
 */
export async function startWineDesktop(prefix: string, display: string): Promise<WineDesktop> {
  const env = { ...wineEnv(prefix), DISPLAY: display };
  const owned: ChildProcess[] = [];
  const spawnOwned = (
    command: string,
    args: string[],
    logFile = "/dev/null",
    extra: Record<string, string | undefined> = {},
  ) => {
    const fd = fs.openSync(logFile, "a");
    const child = spawn(command, args, { env: { ...env, ...extra }, stdio: ["ignore", fd, fd] });
    fs.closeSync(fd);
    owned.push(child);
    return child;
  };
  const xdotool = (args: string[]) => {
    const result = spawnSync("xdotool", args, { env, encoding: "utf8", timeout: 30_000 });
    if (result.status !== 0) throw new Error(`xdotool ${args.join(" ")} failed: ${result.stderr}`);
    return result.stdout;
  };
  // Waits for the processes to go: the next run may start an X server on the same display at once.
  const stop = async () => {
    const running = owned.reverse().filter((child) => child.exitCode === null && child.signalCode === null);
    const exits = running.map((child) => new Promise((resolve) => child.once("exit", resolve)));
    for (const child of running) child.kill("SIGTERM");
    const killLater = setTimeout(() => running.forEach((child) => child.kill("SIGKILL")), 5_000);
    await Promise.all(exits);
    clearTimeout(killLater);
  };
  try {
    spawnOwned("Xvfb", [display, "-screen", "0", `${SIZE}x24`, "-nolisten", "tcp"]);
    await waitFor(() => spawnSync("xdpyinfo", [], { env, stdio: "ignore" }).status === 0, `Xvfb ${display}`);
    spawnOwned("openbox", []);
    // xdotool's windowactivate refuses until the window manager announces _NET_ACTIVE_WINDOW.
    await waitFor(
      () =>
        spawnSync("xprop", ["-root", "_NET_SUPPORTED"], { env, encoding: "utf8" }).stdout.includes(
          "_NET_ACTIVE_WINDOW",
        ),
      "openbox",
    );
    spawnOwned("wine", ["explorer", `/desktop=shell,${SIZE}`]);
    await waitFor(() => {
      try {
        return xdotool(["search", "--name", "Wine desktop"]).trim() !== "";
      } catch {
        return false;
      }
    }, "the Wine desktop");
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    start: (exe, args, options) =>
      spawnOwned(
        "wine",
        options.console ? [exe, ...args] : ["explorer", `/desktop=shell,${SIZE}`, exe, ...args],
        options.logFile,
        options.env,
      ),
    xdotool,
    screenshot: (file) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const result = spawnSync("import", ["-window", "root", file], { env, timeout: 30_000 });
      if (result.status !== 0) throw new Error(`import -window root failed: ${result.stderr}`);
    },
    stop,
  };
}
