import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { ZOsInfo, ZProfileRef, type TOsInfo, type TProfileRef, type TSignedInProfile } from "@helpline/protocol";
import { z } from "zod";
import type { SignedInSession } from "../service-host/service-channel.ts";
import { signedInProfiles } from "../service-host/signed-in-profiles.ts";

/**
 * What a check-in says about the machine. `profiles`: every signed-in profile, known only when the
 * agent runs under the Windows service (which enumerates the sessions); absent otherwise.
 * `locale`: the display language of the current profile's user (BCP 47, "fr-FR"), when known.
 */
export type Inventory = {
  hostname: string;
  os: TOsInfo;
  ip: string | null;
  currentProfile: TProfileRef | null;
  profiles?: TSignedInProfile[];
  locale?: string;
};

/**
 * Who is signed in, as the Windows service reports it: its sessions, the trays connected now, and
 * the display language each tray reported (profile → BCP 47 tag).
 */
export type SignedInSource = {
  sessions: SignedInSession[];
  trayProfiles: string[];
  trayLocales?: ReadonlyMap<string, string>;
};

// The shape of HELPLINE_AGENT_INVENTORY_FILE: an inventory, and the machine's ids in place of the OS's.
const ZInventoryFile = z.object({
  hostname: z.string(),
  os: ZOsInfo,
  ip: z.string().nullable().default(null),
  currentProfile: ZProfileRef.nullable(),
  locale: z.string().max(35).optional(),
  machineId: z.string().optional(),
  hardwareId: z.string().optional(),
});

/**
 * HELPLINE_AGENT_INVENTORY_FILE parsed, or null when the variable is not set. Read afresh on each
 * call (the variable too), so a test can "sign in" another user or point at another file. Throws,
 * naming the variable and the file, when the file is not JSON of that shape.
 */
function readInventoryFile(): z.infer<typeof ZInventoryFile> | null {
  const file = process.env.HELPLINE_AGENT_INVENTORY_FILE;
  if (!file) return null;
  const parsed = ZInventoryFile.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`HELPLINE_AGENT_INVENTORY_FILE (${file}): ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * What this machine is and who is signed in, read from the real OS at each check-in — or, for
 * tests and demos on machines that are not Windows workstations, from the JSON file named by
 * HELPLINE_AGENT_INVENTORY_FILE (re-read each time, so a test can "sign in" another user).
 * `signedIn`: under the Windows service, its sessions message — then `profiles` lists them all and
 * `currentProfile` is the console's (signed-in-profiles.ts); without it, the user running the agent.
 */
export function readInventory(signedIn?: SignedInSource): Inventory {
  const fromFile = readInventoryFile();
  if (fromFile)
    return {
      hostname: fromFile.hostname,
      os: fromFile.os,
      ip: fromFile.ip,
      currentProfile: fromFile.currentProfile,
      // A test's machine: only the language the file gives, never the one of the machine running it.
      ...(fromFile.locale && { locale: fromFile.locale }),
    };
  const machine = { hostname: os.hostname(), os: readOs(), ip: primaryIpv4() };
  if (signedIn)
    return { ...machine, ...signedInProfiles(signedIn.sessions, signedIn.trayProfiles, signedIn.trayLocales) };
  const locale = detectedLocale();
  return { ...machine, currentProfile: runningUser(), ...(locale && { locale }) };
}

/**
 * The display language of the user running the agent (not under the service: there each user's
 * tray reports theirs), as a BCP 47 tag: LC_ALL, LC_MESSAGES or LANG as POSIX systems set them
 * ("fr_FR.UTF-8" → "fr-FR"), else the language Intl runs in (on Windows, the user's). Null when
 * only the "C"/"POSIX" locale is set and Intl has nothing better than that.
 */
export function detectedLocale(env: NodeJS.ProcessEnv = process.env): string | null {
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value && value.trim() !== "");
  if (posix) {
    const tag = posix.split(/[.@]/)[0]!.replace("_", "-");
    if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) return tag;
    if (tag !== "C" && tag !== "POSIX") return null;
  }
  const intl = Intl.DateTimeFormat().resolvedOptions().locale;
  return intl && intl !== "und" ? intl : null;
}

/**
 * The machine id and hardware id given in HELPLINE_AGENT_INVENTORY_FILE (`"machineId"`,
 * `"hardwareId"`, both optional) in place of the OS's: lets a test play a cloned machine. Null
 * without that file.
 */
export function machineOverride(): { machineId?: string; hardwareId?: string } | null {
  const fromFile = readInventoryFile();
  return fromFile && { machineId: fromFile.machineId, hardwareId: fromFile.hardwareId };
}

function readOs(): TOsInfo {
  if (process.platform === "win32") {
    const version = os.release();
    const build = Number(version.split(".")[2] ?? 0);
    // Windows 11 still reports "Windows 10" in its product name; build 22000 is where 11 begins.
    const name = build >= 22000 ? os.version().replace("Windows 10", "Windows 11") : os.version();
    return { platform: "windows", name, version, kind: /server/i.test(name) ? "server" : "workstation" };
  }
  if (process.platform === "darwin") {
    const version = run("sw_vers", ["-productVersion"]) ?? os.release();
    return { platform: "macos", name: `macOS ${version}`, version, kind: "workstation" };
  }
  const release = readOsRelease();
  // A Linux machine with a graphical session installed is someone's desk; without one, a server.
  const hasDesktop = ["/usr/share/xsessions", "/usr/share/wayland-sessions"].some(
    (dir) => fs.existsSync(dir) && fs.readdirSync(dir).length > 0,
  );
  return {
    platform: "linux",
    name: release.PRETTY_NAME ?? `Linux ${os.release()}`,
    version: release.VERSION_ID ?? os.release(),
    kind: hasDesktop ? "workstation" : "server",
  };
}

function readOsRelease(): Record<string, string> {
  try {
    const entries = fs
      .readFileSync("/etc/os-release", "utf8")
      .split("\n")
      .map((line) => /^(\w+)="?([^"]*)"?$/.exec(line))
      .filter((match) => match !== null);
    return Object.fromEntries(entries.map((match) => [match[1]!, match[2]!]));
  } catch {
    return {};
  }
}

function primaryIpv4(): string | null {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const address = addresses?.find((candidate) => candidate.family === "IPv4" && !candidate.internal);
    if (address) return address.address;
  }
  return null;
}

/**
 * The user running the agent (by hand, not under the service): on Windows as DOMAIN\user, the
 * form the service's session APIs give (USERDOMAIN is the machine's name for a local account).
 */
function runningUser(): TProfileRef | null {
  const user = os.userInfo();
  if (process.platform === "win32")
    return {
      name: process.env.USERDOMAIN ? `${process.env.USERDOMAIN}\\${user.username}` : user.username,
      displayName: null,
    };
  return { name: user.username, displayName: linuxFullName(user.username) };
}

function linuxFullName(username: string): string | null {
  try {
    const line = fs
      .readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((entry) => entry.startsWith(`${username}:`));
    const gecos = line?.split(":")[4]?.split(",")[0]?.trim();
    return gecos || null;
  } catch {
    return null;
  }
}

function run(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { encoding: "utf8", windowsHide: true, timeout: 10_000 }).trim() || null;
  } catch {
    return null;
  }
}
