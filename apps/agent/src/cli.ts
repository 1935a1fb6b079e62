import { parseArgs } from "node:util";
import { TICKET_PRIORITIES, type TTicketPriority } from "@helpline/protocol";
import { ProtocolError, UnreachableError } from "./agent-client.ts";
import { enrollCommand } from "./commands/enroll.ts";
import { identityCommand } from "./commands/identity.ts";
import { runCommand } from "./commands/run.ts";
import { SIMULATED_OS, simulateCommand, type SimulatedOs } from "./commands/simulate.ts";
import { statusCommand } from "./commands/status.ts";
import { ticketCommand } from "./commands/ticket.ts";
import { defaultStateDir } from "./state-store.ts";
import { AGENT_VERSION } from "./version.ts";

export { AGENT_VERSION };

export const USAGE = `Usage: helpline-agent <command> [options]

Commands:
  enroll --server <url> --install-key <key>   enroll this device with a customer
  run [--once]                                check in, keep the helpdesk state current, serve the
                                              local page (tray and Ctrl+F12 on Windows), send queued tickets
  status                                      show enrollment and helpdesk state
  identity [--full-name <name> --email <email>] [--token <token>]
                                              confirm the signed-in user's identity (Personal Info Settings)
  ticket --title <text> [--description <text>] [--attach <file>]... [--priority low|medium|high|critical]
                                              open a ticket for the signed-in user (Add Ticket); saved on
                                              disk first, sent now or by \`run\` when the server is back
  simulate --server <url> --install-key <key> --count <n>
           [--os windows-workstation|windows-server|linux] [--profiles <n>] [--start-index <n>]
           [--duration <seconds>]            run n simulated agents in this process

Options:
  --state-dir <dir>   where the agent keeps its state (default: ${defaultStateDir()})
  --version           print the agent version
  --help              print this help`;

class UsageError extends Error {}

const OPTIONS = {
  server: { type: "string" },
  "install-key": { type: "string" },
  "state-dir": { type: "string" },
  once: { type: "boolean" },
  count: { type: "string" },
  os: { type: "string" },
  profiles: { type: "string" },
  duration: { type: "string" },
  "start-index": { type: "string" },
  "full-name": { type: "string" },
  email: { type: "string" },
  token: { type: "string" },
  title: { type: "string" },
  description: { type: "string" },
  attach: { type: "string", multiple: true },
  priority: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing --${flag}`);
  return value;
}

function positiveInt(value: string | undefined, flag: string, fallback: number | null, min = 1): number | null {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new UsageError(`--${flag} must be a whole number ≥ ${min}`);
  return number;
}

function serverUrl(value: string | undefined): string {
  const server = required(value, "server");
  if (!/^https?:\/\/[^/]+/.test(server)) throw new UsageError("--server must be an http(s) URL, e.g. https://helpline.example.com");
  return server;
}

async function dispatch(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...extra] = positionals;
  if (values.version) return console.log(AGENT_VERSION), 0;
  if (values.help || command === "help") return console.log(USAGE), 0;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const stateDir = values["state-dir"] ?? defaultStateDir();
  switch (command) {
    case "enroll":
      return enrollCommand({ server: serverUrl(values.server), installKey: required(values["install-key"], "install-key"), stateDir });
    case "run":
      return runCommand({ stateDir, once: values.once ?? false });
    case "status":
      return statusCommand({ stateDir });
    case "identity":
      return identityCommand({ stateDir, fullName: values["full-name"], email: values.email, token: values.token });
    case "ticket": {
      const priority = values.priority ?? "medium";
      if (!(TICKET_PRIORITIES as readonly string[]).includes(priority)) throw new UsageError(`--priority must be one of ${TICKET_PRIORITIES.join(", ")}`);
      const title = required(values.title, "title").trim();
      if (!title) throw new UsageError("--title must not be empty");
      return ticketCommand({ stateDir, title, description: values.description ?? "", priority: priority as TTicketPriority, attach: values.attach ?? [] });
    }
    case "simulate": {
      const os = values.os ?? "windows-workstation";
      if (!(os in SIMULATED_OS)) throw new UsageError(`--os must be one of ${Object.keys(SIMULATED_OS).join(", ")}`);
      return simulateCommand({
        server: serverUrl(values.server),
        installKey: required(values["install-key"], "install-key"),
        count: positiveInt(required(values.count, "count"), "count", null)!,
        startIndex: positiveInt(values["start-index"], "start-index", 0, 0)!,
        os: os as SimulatedOs,
        profiles: positiveInt(values.profiles, "profiles", 1, 0)!,
        durationSeconds: positiveInt(values.duration, "duration", null),
      });
    }
    case undefined:
      throw new UsageError("missing command");
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** Entry point: returns the exit code (0 ok, 1 failed, 2 bad usage). */
export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`helpline-agent: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ProtocolError || error instanceof UnreachableError) {
      console.error(`helpline-agent: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
