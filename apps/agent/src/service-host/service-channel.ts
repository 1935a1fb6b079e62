import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import { z } from "zod";

/** A Windows session with a signed-in user, as the service sees it (WTSEnumerateSessionsW). */
export type SignedInSession = { id: number; profile: string; console: boolean };
/** A tray connected through the service: its connection id, and the user and session Windows vouched for. */
export type OpenTray = { conn: number; profile: string; session: number };

/**
 * The agent's side of its channel with helpline-service.exe (README, "Windows service"): what the
 * service tells it on stdin, and the two things it can ask of the service on stdout.
 */
export type ServiceChannel = {
  /** The last sessions message ([] before the first). */
  sessions(): SignedInSession[];
  onSessions(cb: (s: SignedInSession[]) => void): void;
  /**
   * A tray connected; Windows vouched that its user is `profile` (signed in to `session`). A
   * listener added later is told at once of every tray still open: trays connect while the agent
   * is still starting (enrolling, on an MSI's first start), before it listens for them.
   */
  onTrayOpen(cb: (t: OpenTray) => void): void;
  /** A line the tray sent after its hello, verbatim (no line end). */
  onTrayLine(cb: (conn: number, line: string) => void): void;
  onTrayClose(cb: (conn: number) => void): void;
  /** The service is stopping (or went away): finish in-flight work and exit 0 within 10 s. */
  onStop(cb: () => void): void;
  /** Sends `line` (no CR or LF) to that tray. */
  sendToTray(conn: number, line: string): void;
  /** Asks the service to close that tray's pipe. */
  closeTray(conn: number): void;
};

const ZConn = z.number().int().nonnegative();
const ZServiceMessage = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("sessions"),
    sessions: z.array(
      z.object({ id: z.number().int().nonnegative(), profile: z.string().min(1), console: z.boolean() }),
    ),
  }),
  z.object({ type: z.literal("tray-open"), conn: ZConn, profile: z.string().min(1), session: z.number().int() }),
  z.object({ type: z.literal("tray-line"), conn: ZConn, line: z.string() }),
  z.object({ type: z.literal("tray-close"), conn: ZConn }),
  z.object({ type: z.literal("stop") }),
]);
type ServiceMessage = z.infer<typeof ZServiceMessage>;

/**
 * One line from the service (a JSON object) as a typed message, or an Error saying why it is not
 * one (not JSON, or not of the shapes above).
 */
export function parseServiceLine(line: string): ServiceMessage | Error {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return new Error(`not JSON: ${line.slice(0, 200)}`);
  }
  const parsed = ZServiceMessage.safeParse(json);
  return parsed.success ? parsed.data : new Error(z.prettifyError(parsed.error));
}

/**
 * The agent → service line for `send`/`close`: tab-separated, so the C side needs no JSON
 * parser; the service takes everything after the second tab as the tray's line. Throws when the
 * tray line holds a CR or LF (it would end the line early and the rest would be read as a command).
 */
export function formatServiceCommand(command: "send", conn: number, line: string): string;
export function formatServiceCommand(command: "close", conn: number): string;
export function formatServiceCommand(command: "send" | "close", conn: number, line?: string): string {
  if (command === "close") return `close\t${conn}\n`;
  if (/[\r\n]/.test(line!)) throw new Error(`a line to a tray cannot hold a line break: ${JSON.stringify(line)}`);
  return `send\t${conn}\t${line}\n`;
}

/**
 * Opens the channel on the service's pipes (`input` = the agent's stdin, `output` = its stdout;
 * UTF-8 lines). A line that is not a valid message is logged through `log` and skipped (the
 * service and agent are upgraded together, but one bad line must not stop the agent). The end of
 * `input` means the service is gone: stop callbacks run then too, once in all.
 */
export function openServiceChannel(input: Readable, output: Writable, log: (line: string) => void): ServiceChannel {
  let current: SignedInSession[] = [];
  const openTrays = new Map<number, OpenTray>();
  const listeners = {
    sessions: [] as ((s: SignedInSession[]) => void)[],
    trayOpen: [] as ((t: OpenTray) => void)[],
    trayLine: [] as ((conn: number, line: string) => void)[],
    trayClose: [] as ((conn: number) => void)[],
    stop: [] as (() => void)[],
  };
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const cb of listeners.stop) cb();
  };
  const dispatch = (message: ServiceMessage) => {
    switch (message.type) {
      case "sessions":
        current = message.sessions;
        for (const cb of listeners.sessions) cb(current);
        return;
      case "tray-open": {
        const tray = { conn: message.conn, profile: message.profile, session: message.session };
        openTrays.set(tray.conn, tray);
        for (const cb of listeners.trayOpen) cb(tray);
        return;
      }
      case "tray-line":
        for (const cb of listeners.trayLine) cb(message.conn, message.line);
        return;
      case "tray-close":
        openTrays.delete(message.conn);
        for (const cb of listeners.trayClose) cb(message.conn);
        return;
      case "stop":
        stop();
    }
  };
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    const message = parseServiceLine(line);
    if (message instanceof Error) log(`Service channel: ignored a line (${message.message})`);
    else dispatch(message);
  });
  lines.on("close", stop);
  return {
    sessions: () => current,
    onSessions: (cb) => void listeners.sessions.push(cb),
    onTrayOpen: (cb) => {
      listeners.trayOpen.push(cb);
      for (const tray of openTrays.values()) cb(tray);
    },
    onTrayLine: (cb) => void listeners.trayLine.push(cb),
    onTrayClose: (cb) => void listeners.trayClose.push(cb),
    onStop: (cb) => void listeners.stop.push(cb),
    sendToTray: (conn, line) => void output.write(formatServiceCommand("send", conn, line)),
    closeTray: (conn) => void output.write(formatServiceCommand("close", conn)),
  };
}

/**
 * Under the service, stdout is the channel: every console.log/info/debug line goes to stderr
 * instead (the service appends stderr to %ProgramData%\Helpline\logs\agent.log), prefixed with
 * the UTC time (ISO 8601) since that file has no other clock.
 */
export function routeLogsToStderr(): void {
  const write = (...args: unknown[]) =>
    process.stderr.write(
      `${new Date().toISOString()} ${args.map((arg) => (typeof arg === "string" ? arg : String(arg))).join(" ")}\n`,
    );
  console.log = write;
  console.info = write;
  console.debug = write;
  console.warn = write;
  console.error = write;
}
