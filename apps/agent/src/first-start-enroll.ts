import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ProtocolError, UnreachableError } from "./agent-client.ts";
import { backoffDelay } from "./backoff.ts";
import { sleep } from "./checkin-loop.ts";
import { enrollDevice } from "./enroll-device.ts";
import { writeFileDurably } from "./durable-file.ts";
import { readState, type AgentState } from "./state-store.ts";

/**
 * Why the last enrollment on first start did not happen: the install was given no server or key,
 * the server is not an http(s) address, the server could not be reached, or it refused the key.
 */
const ZEnrollFailure = z.object({
  at: z.string(),
  kind: z.enum(["not-given", "not-http", "unreachable", "refused"]),
  server: z.string(),
  /** The details: what is missing, the network error, or the server's words. */
  detail: z.string(),
});
export type EnrollFailure = z.infer<typeof ZEnrollFailure>;

const FAILURE_FILE = "enroll-failure.json";
// A refused key stays refused until someone fixes it on the server or reinstalls with another:
// asking again every minute would only fill the server's logs.
const REFUSED_BASE_MS = 60_000;
const REFUSED_CAP_MS = 30 * 60_000;

/** The last failure recorded in `stateDir`, or null (none, or a file this version cannot read). */
export function readEnrollFailure(stateDir: string): EnrollFailure | null {
  const file = path.join(stateDir, FAILURE_FILE);
  if (!fs.existsSync(file)) return null;
  const parsed = ZEnrollFailure.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  return parsed.success ? parsed.data : null;
}

/** One line for a person: what is wrong, in the words `status` and the log use. */
export function describeEnrollFailure(failure: EnrollFailure): string {
  switch (failure.kind) {
    case "not-given":
      return `the installer was not given ${failure.detail} (msiexec … SERVER_URL=https://… INSTALL_KEY=…)`;
    case "not-http":
      return `SERVER_URL is not an http(s) address: "${failure.server}"`;
    case "unreachable":
      return `the server at ${failure.server} could not be reached (${failure.detail})`;
    case "refused":
      return `the server at ${failure.server} refused the install key (${failure.detail})`;
  }
}

/**
 * How long to wait after the `failures`-th failure in a row (1, 2, …), in ms: the usual backoff
 * (backoff.ts, 1 s … 60 s) for an unreachable server; 1 min doubling up to 30 min for a refused key.
 */
export function enrollRetryDelay(kind: "unreachable" | "refused", failures: number, random = Math.random): number {
  if (kind === "unreachable") return backoffDelay(failures, random);
  const exponential = Math.min(REFUSED_CAP_MS, REFUSED_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (0.5 + random()));
}

export type FirstStartOptions = {
  stateDir: string;
  /** HELPLINE_ENROLL_SERVER / HELPLINE_ENROLL_KEY: set by the service from what the MSI saved. */
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  log: (line: string) => void;
  /** One attempt only (`run --once`). */
  once?: boolean;
  enroll?: typeof enrollDevice;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

/**
 * `run` on a machine installed by the MSI: when `stateDir` holds no enrollment and the service
 * passed HELPLINE_ENROLL_SERVER / HELPLINE_ENROLL_KEY (either set, even empty), enrolls with them
 * first. An unreachable server or a refused key is retried with backoff (enrollRetryDelay) until
 * it works or `signal` aborts; a missing value or a server that is not http(s) cannot get better
 * by retrying, so it waits for `signal` (the service stopping: a reinstall with the right values
 * restarts it). Each failure is logged in one line and kept in the state directory for `status`;
 * success removes it. Out: the state (already enrolled, or just enrolled), or null when neither
 * variable is set or it stopped before enrolling.
 */
export async function enrollOnFirstStart(options: FirstStartOptions): Promise<AgentState | null> {
  const existing = readState(options.stateDir);
  const server = options.env.HELPLINE_ENROLL_SERVER;
  const installKey = options.env.HELPLINE_ENROLL_KEY;
  if (existing || (server === undefined && installKey === undefined)) return existing;
  const wait = options.sleep ?? sleep;
  const fail = (kind: EnrollFailure["kind"], detail: string) => {
    const failure: EnrollFailure = { at: new Date().toISOString(), kind, server: server ?? "", detail };
    fs.mkdirSync(options.stateDir, { recursive: true, mode: 0o700 });
    writeFileDurably(path.join(options.stateDir, FAILURE_FILE), JSON.stringify(failure, null, 2));
    return failure;
  };

  const missing = [!server && "SERVER_URL", !installKey && "INSTALL_KEY"].filter(Boolean).join(" nor ");
  const invalid = missing
    ? fail("not-given", missing)
    : !/^https?:\/\/[^/]+/.test(server!)
      ? fail("not-http", "")
      : null;
  if (invalid) {
    options.log(`Not enrolled: ${describeEnrollFailure(invalid)}; reinstall with the right values.`);
    // Hour-long naps, not one endless wait: a timer keeps the process alive (setTimeout caps at ~24 days).
    while (!options.once && !options.signal.aborted) await wait(3_600_000, options.signal);
    return null;
  }

  const enroll = options.enroll ?? enrollDevice;
  let previousKind: EnrollFailure["kind"] | null = null;
  for (let failures = 1; !options.signal.aborted; failures++) {
    try {
      options.log(await enroll({ server: server!, installKey: installKey!, stateDir: options.stateDir }));
      fs.rmSync(path.join(options.stateDir, FAILURE_FILE), { force: true });
      return readState(options.stateDir);
    } catch (error) {
      if (!(error instanceof ProtocolError || error instanceof UnreachableError)) throw error;
      const kind = error instanceof ProtocolError ? "refused" : "unreachable";
      // A new kind of failure starts its own backoff from the beginning.
      if (kind !== previousKind) failures = 1;
      previousKind = kind;
      const failure = fail(kind, error.message);
      if (options.once) {
        options.log(`Not enrolled: ${describeEnrollFailure(failure)}.`);
        return null;
      }
      const delay = enrollRetryDelay(kind, failures);
      options.log(`Not enrolled: ${describeEnrollFailure(failure)}; retrying in ${Math.round(delay / 1000)} s.`);
      await wait(delay, options.signal);
    }
  }
  return null;
}
