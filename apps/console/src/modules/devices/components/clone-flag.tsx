import type { CloneFlag } from "@helpline/core";
import Link from "next/link";

/** "Possible clone of PC-A" in the Devices list: on both devices that share a machine id unproven. */
export function CloneFlagLink({ flag }: { flag: CloneFlag }) {
  return (
    <Link
      href={`/devices/${flag.deviceId}`}
      className="mt-1 inline-block rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium break-words text-red-800 ring-1 ring-red-200 ring-inset hover:underline"
    >
      Possible clone of {flag.hostname}
      {flag.others > 0 ? ` and ${flag.others} more` : ""}
    </Link>
  );
}
