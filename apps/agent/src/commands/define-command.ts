import type { parseArgs, ParseArgsConfig } from "node:util";
import { defaultStateDir } from "../state-store.ts";

/** Bad usage: the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A command that cannot go on: the CLI prints the message as it is and exits with `exitCode`. */
export class CommandFailure extends Error {
  override name = "CommandFailure";
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;
/** What `parseArgs` gives for these options: strings, booleans, string arrays (`multiple`), undefined. */
type OptionValues<O extends OptionSpecs> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>
>["values"];

/**
 * One command of the CLI, as `helpline-agent --help` shows it and as its arguments are parsed:
 * `synopsis` is how it is called (lines as printed, the first starting with its name), `summary`
 * what it does; `options` are the only flags it takes (besides `--help` and `--version`), in
 * `util.parseArgs` form; `run` gets their values and returns the exit code.
 */
export type CliCommand = {
  name: string;
  synopsis: string[];
  summary: string[];
  options: OptionSpecs;
  run: (values: Record<string, string | boolean | string[] | undefined>) => Promise<number> | number;
};

/** Declares a command; its `run` gets values typed by its own options. */
export function defineCommand<const O extends OptionSpecs>(
  command: Omit<CliCommand, "options" | "run"> & {
    options: O;
    run: (values: OptionValues<O>) => Promise<number> | number;
  },
): CliCommand {
  // The CLI parses the arguments with exactly these options, so the values have this shape.
  return { ...command, run: (values) => command.run(values as OptionValues<O>) };
}

/** Where the agent keeps its state: every command that reads or writes it takes this option. */
export const STATE_DIR_OPTION = { "state-dir": { type: "string" } } as const;

/** `--state-dir`, or the platform's default when not given. */
export function stateDirOption(value: string | undefined): string {
  return value ?? defaultStateDir();
}

/** The flag's value; UsageError when it is missing or empty. */
export function requiredOption(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing --${flag}`);
  return value;
}

/** A whole number ≥ `min`, or `fallback` when the flag was not given. */
export function wholeNumberOption(value: string, flag: string, fallback: null, min?: number): number;
export function wholeNumberOption<F extends number | null>(
  value: string | undefined,
  flag: string,
  fallback: F,
  min?: number,
): number | F;
export function wholeNumberOption<F extends number | null>(
  value: string | undefined,
  flag: string,
  fallback: F,
  min = 1,
): number | F {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new UsageError(`--${flag} must be a whole number ≥ ${min}`);
  return number;
}

/** `value` when it is one of `allowed`; UsageError naming them otherwise. */
export function oneOfOption<T extends string>(value: string, flag: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}`);
  return value as T;
}

/** `--server`: required, an http(s) URL with a host (UsageError otherwise). */
export function serverUrlOption(value: string | undefined): string {
  const server = requiredOption(value, "server");
  if (!/^https?:\/\/[^/]+/.test(server))
    throw new UsageError("--server must be an http(s) URL, e.g. https://helpline.example.com");
  return server;
}
