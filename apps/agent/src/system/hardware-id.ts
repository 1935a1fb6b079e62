import { createHash } from "node:crypto";
import fs from "node:fs";
import { runProgram, runServiceHost } from "./run-program.ts";

// Values firmware vendors leave in place of a real UUID or serial: shared by many machines, so
// they identify none.
const PLACEHOLDER_UUIDS = new Set([
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "03000200-0400-0500-0006-000700080009",
]);
const PLACEHOLDER_SERIALS = new Set([
  "",
  "0",
  "none",
  "n/a",
  "na",
  "default string",
  "to be filled by o.e.m.",
  "system serial number",
  "not specified",
  "not applicable",
  "123456789",
  "0123456789",
]);

/** The first of (UUID, serial) that identifies a machine, hashed; null when neither does. */
export function hardwareIdFrom(uuid: string | null | undefined, serial: string | null | undefined): string | null {
  const normalisedUuid =
    uuid
      ?.trim()
      .toLowerCase()
      .replace(/^\{|\}$/g, "") ?? "";
  if (
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(normalisedUuid) &&
    !PLACEHOLDER_UUIDS.has(normalisedUuid)
  )
    return digest(`uuid:${normalisedUuid}`);
  const normalisedSerial = serial?.trim() ?? "";
  if (normalisedSerial && !PLACEHOLDER_SERIALS.has(normalisedSerial.toLowerCase()))
    return digest(`serial:${normalisedSerial}`);
  return null;
}

// Sent hashed: the server needs to compare it, not to know the serial number.
function digest(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

function readFile(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/**
 * The lines of `helpline-service.exe --hardware-id` (the SMBIOS system UUID, then the system serial
 * number; either line may be empty) as the protocol's hardwareId; null when neither identifies.
 */
export function hardwareIdFromServiceOutput(output: string | null): string | null {
  const [uuid, serial] = (output ?? "").split(/\r?\n/);
  return hardwareIdFrom(uuid, serial);
}

/**
 * What identifies this machine's hardware, as the server compares it (protocol `hardwareId`): the
 * SMBIOS system UUID, or the serial number when the UUID is a placeholder — Windows: the SMBIOS
 * table read by `helpline-service.exe --hardware-id` beside the agent's own .exe (no PowerShell);
 * macOS `IOPlatformUUID` / `IOPlatformSerialNumber`, Linux `/sys/class/dmi/id/product_uuid` /
 * `product_serial` (readable by root only). Null when none can be read. Read from the machine each
 * time, never kept in the state file: a disk image carries the state file to its clones, not the
 * hardware.
 */
export function readHardwareId(platform: NodeJS.Platform = process.platform): string | null {
  if (platform === "win32") return hardwareIdFromServiceOutput(runServiceHost(["--hardware-id"]));
  if (platform === "darwin") {
    const output = runProgram("ioreg", ["-rd1", "-c", "IOPlatformExpertDevice"]) ?? "";
    return hardwareIdFrom(
      /"IOPlatformUUID" = "([^"]+)"/.exec(output)?.[1],
      /"IOPlatformSerialNumber" = "([^"]+)"/.exec(output)?.[1],
    );
  }
  return hardwareIdFrom(readFile("/sys/class/dmi/id/product_uuid"), readFile("/sys/class/dmi/id/product_serial"));
}
