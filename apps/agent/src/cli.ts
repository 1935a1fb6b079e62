import { parseArgs } from "node:util";
import { ProtocolError, UnreachableError } from "./agent-client.ts";
import { CommandFailure, UsageError, type CliCommand } from "./commands/define-command.ts";
import { enroll } from "./commands/enroll.ts";
import { identity } from "./commands/identity.ts";
import { run } from "./commands/run.ts";
import { simulate } from "./commands/simulate.ts";
import { status } from "./commands/status.ts";
import { ticket } from "./commands/ticket.ts";
import { defaultStateDir } from "./state-store.ts";
import { AGENT_VERSION } from "./version.ts";

export { AGENT_VERSION };

const COMMANDS: readonly CliCommand[] = [enroll, run, status, identity, ticket, simulate];
// Taken by every command, and without one.
const GLOBAL_OPTIONS = { help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "v" } } as const;
const SUMMARY_COLUMN = 46;
const STATE_DIR_HELP = `  --state-dir <dir>   where the agent keeps its state (default: ${defaultStateDir()})`;

/** A command's lines in the help: how it is called, and beside (or below) that what it does. */
function helpBlock(command: CliCommand): string[] {
  const lines = command.synopsis.map((line) => `  ${line}`);
  const last = lines.pop()!;
  const [first = "", ...rest] = command.summary;
  if (last.length < SUMMARY_COLUMN) lines.push(last.padEnd(SUMMARY_COLUMN) + first);
  else lines.push(last, " ".repeat(SUMMARY_COLUMN) + first);
  return [...lines, ...rest.map((line) => " ".repeat(SUMMARY_COLUMN) + line)];
}

// `helpline-agent --help`: every command's synopsis and summary.
const USAGE = `Usage: helpline-agent <command> [options]

Commands:
${COMMANDS.flatMap(helpBlock).join("\n")}

Options:
${STATE_DIR_HELP}
  --version           print the agent version
  --help              print this help (after a command: that command's)`;

function commandUsage(command: CliCommand): string {
  const [first, ...rest] = command.synopsis;
  const options = "state-dir" in command.options ? `\n\nOptions:\n${STATE_DIR_HELP}` : "";
  const usage = "Usage: helpline-agent ";
  return `${usage}${[first, ...rest.map((line) => " ".repeat(usage.length) + line)].join("\n")}\n\n${command.summary.join(" ")}${options}`;
}

/**
 * The command named on the command line, wherever it stands among the options: a first, lenient
 * pass that knows every command's options (so an option's value is not taken for the command).
 */
function commandName(argv: string[]): string | undefined {
  const options = Object.assign({}, GLOBAL_OPTIONS, ...COMMANDS.map((command) => command.options));
  return parseArgs({ args: argv, options, strict: false, allowPositionals: true }).positionals[0];
}

/** The command's own options, strictly: a flag another command takes is refused here. */
function parseCommandLine(command: CliCommand, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const unknown =
      (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" &&
      /Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    if (unknown)
      throw new UsageError(
        `Unknown option '${unknown}': ${command.name} takes ${
          Object.keys(command.options)
            .map((option) => `--${option}`)
            .join(", ") || "no options"
        }`,
      );
    throw error;
  }
}

async function runCommand(command: CliCommand, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(command, argv);
  if (values.version) return (console.log(AGENT_VERSION), 0);
  if (values.help) return (console.log(commandUsage(command)), 0);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  return command.run(values);
}

function withoutCommand(argv: string[], name: string | undefined): number {
  const { values } = parseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: true, allowPositionals: true });
  if (values.version) return (console.log(AGENT_VERSION), 0);
  if (values.help || name === "help") return (console.log(USAGE), 0);
  throw new UsageError(name === undefined ? "missing command" : `unknown command "${name}"`);
}

/**
 * Entry point: `argv` without node and the script; returns the exit code (0 ok, 1 failed, 2 bad
 * usage, printed with the usage of the command given, or of all).
 */
export async function main(argv: string[]): Promise<number> {
  const name = commandName(argv);
  const command = COMMANDS.find((candidate) => candidate.name === name);
  try {
    return await (command ? runCommand(command, argv) : withoutCommand(argv, name));
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`helpline-agent: ${(error as Error).message}\n\n${command ? commandUsage(command) : USAGE}`);
      return 2;
    }
    if (error instanceof CommandFailure) {
      console.error(error.message);
      return error.exitCode;
    }
    if (error instanceof ProtocolError || error instanceof UnreachableError) {
      console.error(`helpline-agent: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
