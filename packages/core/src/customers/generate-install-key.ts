import { generateSecret } from "../secrets.ts";

/**
 * A new install key. The prefix keeps it from starting with "-", which a command line (the enroll
 * command technicians paste) would read as an option; it also says what the string is.
 */
export function generateInstallKey(): string {
  return `ik_${generateSecret()}`;
}
