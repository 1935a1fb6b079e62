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

/** Polls `check` every 200 ms up to `ms`; on time-out throws "timed out waiting for <what()>". */
async function waitFor(check: () => boolean, what: string | (() => string), ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The last `bytes` of a log file, or "(none)" when it does not exist yet. */
function tail(file: string, bytes = 2_000): string {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").slice(-bytes) || "(empty)" : "(none)";
}

/**
 * Starts Xvfb on a display no other X server holds: `-displayfd` makes Xvfb pick the first free
 * display number itself and write it to the given descriptor (Xserver(1)), so a leftover server of
 * an earlier run, another test or a helper on the same machine can never collide with this one.
 * Resolves to the display name (":N") once Xvfb accepts connections.
 */
async function startXvfb(spawnLogged: (command: string, args: string[], stdio3: "pipe") => ChildProcess, log: string) {
  const xvfb = spawnLogged("Xvfb", ["-displayfd", "3", "-screen", "0", `${SIZE}x24`, "-nolisten", "tcp"], "pipe");
  const pipe = xvfb.stdio[3] as NodeJS.ReadableStream;
  return new Promise<string>((resolve, reject) => {
    let written = "";
    const timer = setTimeout(() => reject(new Error(`timed out waiting for Xvfb\n--- xvfb.log\n${tail(log)}`)), 30_000);
    pipe.on("data", (chunk: Buffer) => {
      written += chunk.toString("utf8");
      if (!written.includes("\n")) return;
      clearTimeout(timer);
      resolve(`:${written.trim()}`);
    });
    xvfb.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code ?? signal}) before it chose a display\n--- xvfb.log\n${tail(log)}`));
    });
  });
}

/**
 * Xvfb on a free display of its own (or on `display` when given), openbox (without a window
 * manager Wine gets no keyboard) and Wine's desktop `shell` of the whole screen's size, with a
 * taskbar and notification area. Every program starts in that desktop at that size, so the
 * notification area stays in the screen's bottom-right corner. The X server's and window manager's
 * output goes to `xvfb.log` and `openbox.log` in the prefix; a time-out quotes them.
 */
export async function startWineDesktop(prefix: string, display?: string): Promise<WineDesktop> {
  const env: NodeJS.ProcessEnv = { ...wineEnv(prefix), DISPLAY: display };
  const owned: ChildProcess[] = [];
  const spawnOwned = (
    command: string,
    args: string[],
    logFile = "/dev/null",
    extra: Record<string, string | undefined> = {},
    stdio3?: "pipe",
  ) => {
    const fd = fs.openSync(logFile, "a");
    const stdio = stdio3 ? (["ignore", fd, fd, stdio3] as const) : (["ignore", fd, fd] as const);
    const child = spawn(command, args, { env: { ...env, ...extra }, stdio: [...stdio] });
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
  const xvfbLog = path.join(prefix, "xvfb.log");
  const openboxLog = path.join(prefix, "openbox.log");
  try {
    if (display) {
      spawnOwned("Xvfb", [display, "-screen", "0", `${SIZE}x24`, "-nolisten", "tcp"], xvfbLog);
      await waitFor(() => spawnSync("xdpyinfo", [], { env, stdio: "ignore" }).status === 0, `Xvfb ${display}`);
    } else {
      env.DISPLAY = await startXvfb((command, args, stdio3) => spawnOwned(command, args, xvfbLog, {}, stdio3), xvfbLog);
    }
    // xdotool's windowactivate refuses until the window manager announces _NET_ACTIVE_WINDOW. An
    // openbox that exits before it does (seen once in CI, on a loaded machine) is started again.
    let openbox = spawnOwned("openbox", [], openboxLog);
    await waitFor(
      () => {
        if (openbox.exitCode !== null || openbox.signalCode !== null) openbox = spawnOwned("openbox", [], openboxLog);
        return spawnSync("xprop", ["-root", "_NET_SUPPORTED"], { env, encoding: "utf8" }).stdout.includes(
          "_NET_ACTIVE_WINDOW",
        );
      },
      () => `openbox on ${env.DISPLAY}\n--- openbox.log\n${tail(openboxLog)}\n--- xvfb.log\n${tail(xvfbLog)}`,
      60_000,
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
