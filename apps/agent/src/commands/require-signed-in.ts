import type { Inventory } from "../system/inventory.ts";
import { CommandFailure } from "./define-command.ts";

/** The name of the profile signed in now (e.g. `CONTOSO\alice`); CommandFailure (exit 1) when nobody is. */
export function requireSignedIn(inventory: Inventory): string {
  const profile = inventory.currentProfile?.name;
  if (!profile) throw new CommandFailure("Nobody is signed in on this device.");
  return profile;
}
