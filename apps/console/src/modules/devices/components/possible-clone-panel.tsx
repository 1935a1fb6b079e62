import Link from "next/link";
import { DateTime } from "@/components/ui/zoned-time";

type Related = { id: string; hostname: string; firstSeenAt: Date; relation: "original" | "clone" };

/**
 * The Device / Agent page's flag: the devices this one shares a machine id with, unproven (an
 * enroll that could not show it was the machine enrolled before: packages/core enroll-rules.ts).
 */
export function PossibleClonePanel({ related }: { related: Related[] }) {
  const first = related[0]!;
  return (
    <section
      aria-labelledby="possible-clone"
      className="mb-6 rounded-xl border border-red-200 bg-red-50 p-5 text-sm text-red-900"
    >
      <h2 id="possible-clone" className="text-base font-semibold">
        Possible clone of {first.hostname}
        {related.length > 1 ? ` and ${related.length - 1} more` : ""}
      </h2>
      <ul className="mt-2 space-y-1">
        {related.map((device) => {
          const link = (
            <Link href={`/devices/${device.id}`} className="font-medium underline">
              {device.hostname}
            </Link>
          );
          const enrolled = (
            <>
              enrolled <DateTime at={device.firstSeenAt} />
            </>
          );
          return device.relation === "original" ? (
            <li key={device.id}>
              This device may be a clone of {link} ({enrolled}).
            </li>
          ) : (
            <li key={device.id}>
              {link} ({enrolled}) may be a clone of this device.
            </li>
          );
        })}
      </ul>
      <p className="mt-2 max-w-3xl">
        They have the same machine id, but the later enroll did not prove it was the same machine (with its previous
        agent token, or the same hardware and hostname), as happens with a disk image cloned without sysprep. Each is a
        device of its own: user identities, tickets and Customer Portal access stay with the device they belong to. Why
        it was flagged is under Activity.
      </p>
    </section>
  );
}
