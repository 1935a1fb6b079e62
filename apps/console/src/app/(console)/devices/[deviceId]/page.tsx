import { getDevice, listAuditEvents, ZDeviceRef } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { DateTime, RelativeTime } from "@/components/ui/zoned-time";
import { formatRelative } from "@/lib/format";
import { requireTechnician } from "@/modules/auth/session";
import { AuditTable } from "@/modules/audit/components/audit-table";
import { PossibleClonePanel } from "@/modules/devices/components/possible-clone-panel";
import { ManageMenu } from "@/modules/devices/components/manage-menu";
import { HelpdeskStateBadge } from "@/modules/helpdesk/components/helpdesk-state-badge";

export const metadata: Metadata = { title: "Device / Agent" };

type ProfileRow = { current: boolean; signedIn: boolean; onConsole: boolean | null; trayRunning: boolean | null };

// Agents that do not report every session only tell who is on the console (the current profile).
function sessionLabel(profile: ProfileRow, reported: boolean): string {
  if (!reported) return profile.current ? "Signed in" : "Unknown";
  if (!profile.signedIn) return "Not signed in";
  if (profile.onConsole === true) return "Console";
  if (profile.onConsole === false) return "Remote or switched user";
  return "Signed in";
}

function trayLabel(profile: ProfileRow, reported: boolean): string {
  if (!reported) return "Unknown";
  if (!profile.signedIn) return "Not running";
  if (profile.trayRunning === null) return "Unknown";
  return profile.trayRunning ? "Running" : "Not running";
}

export default async function DevicePage({ params }: { params: Promise<{ deviceId: string }> }) {
  await requireTechnician();
  const ref = ZDeviceRef.safeParse(await params);
  const device = ref.success ? await getDevice({ input: ref.data }) : null;
  if (!device) notFound();
  const activity = await listAuditEvents({ input: { subject: `device:${device.id}`, action: "", page: 1 } });
  const inventory: [string, ReactNode][] = [
    ["Hostname", device.hostname],
    ["Customer", device.customer.name],
    ["OS", `${device.osName} (${device.osVersion || "version unknown"})`],
    ["Type", device.osKind === "server" ? "Server" : "Workstation"],
    ["IP address", device.ip ?? "—"],
    ["Agent version", device.agentVersion],
    ["First seen", <DateTime key="first-seen" at={device.firstSeenAt} />],
    [
      "Last seen",
      <span key="last-seen">
        {formatRelative(device.lastSeenAt)} (<DateTime at={device.lastSeenAt} />)
      </span>,
    ],
  ];
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/devices" className="hover:underline">
          Devices
        </Link>{" "}
        /{" "}
        <Link href={`/customers/${device.customer.id}`} className="hover:underline">
          {device.customer.name}
        </Link>{" "}
        / {device.hostname}
      </nav>
      <div className="mb-6 flex items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Device / Agent</p>
          <h1 className="text-2xl font-semibold tracking-tight break-words">{device.hostname}</h1>
          <p className={`mt-1 text-sm font-medium ${device.online ? "text-emerald-700" : "text-slate-500"}`}>
            {device.online ? "Online" : "Offline"}
          </p>
        </div>
        <ManageMenu deviceId={device.id} helpdeskActive={device.currentProfileHelpdeskActive} />
      </div>
      {device.possibleClones.length > 0 ? <PossibleClonePanel related={device.possibleClones} /> : null}
      {/* Side by side only where the profiles table has room for its seven columns; below, the cards stack. */}
      <div className="grid gap-6 2xl:grid-cols-[22rem_minmax(0,1fr)]">
        <section aria-labelledby="inventory" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="inventory" className="mb-3 text-base font-semibold">
            Inventory
          </h2>
          <dl className="grid gap-x-8 gap-y-2 text-sm md:grid-cols-2 2xl:grid-cols-1">
            {inventory.map(([term, value]) => (
              <div key={term} className="grid grid-cols-[8rem_1fr] gap-2">
                <dt className="text-slate-500">{term}</dt>
                <dd className="break-words text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="profiles" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="profiles" className="px-5 pt-5 pb-1 text-base font-semibold">
            User profiles
          </h2>
          <p id="profiles-as-of" className="px-5 pb-3 text-xs text-slate-500">
            {device.sessionsReported ? (
              <>
                Sessions and trays as of the agent&apos;s last check-in, <DateTime at={device.lastSeenAt} />.
              </>
            ) : (
              `Agent ${device.agentVersion} does not report sessions or trays: they show as unknown.`
            )}
          </p>
          {device.profiles.length === 0 ? (
            <p className="px-5 pb-5 text-sm text-slate-500">
              No one has signed in on this device since the agent was installed.
            </p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" aria-labelledby="profiles" aria-describedby="profiles-as-of">
                <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Profile
                    </th>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Display name
                    </th>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Last seen
                    </th>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Session
                    </th>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Tray
                    </th>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Helpdesk
                    </th>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Confirmed as
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {device.profiles.map((profile) => (
                    <tr key={profile.id}>
                      <td className="px-5 py-3 font-medium">
                        {profile.name}
                        {profile.current ? (
                          <span className="mt-1 block w-fit rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-indigo-700">
                            Signed in now
                          </span>
                        ) : null}
                      </td>
                      <td className="px-5 py-3">{profile.displayName ?? "—"}</td>
                      <td className="px-5 py-3 whitespace-nowrap text-slate-600">
                        <RelativeTime at={profile.lastSeenAt} />
                      </td>
                      <td className="px-5 py-3 whitespace-nowrap">{sessionLabel(profile, device.sessionsReported)}</td>
                      <td className="px-5 py-3 whitespace-nowrap">{trayLabel(profile, device.sessionsReported)}</td>
                      <td className="px-5 py-3">
                        <HelpdeskStateBadge state={profile.helpdesk} />
                      </td>
                      <td className="px-5 py-3">
                        {profile.contact ? (
                          <>
                            {profile.contact.fullName}
                            <span className="block text-xs break-all text-slate-500">{profile.contact.email}</span>
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
      <section aria-labelledby="activity" className="mt-6 rounded-xl border border-slate-200 bg-white">
        <h2 id="activity" className="px-5 pt-5 pb-3 text-base font-semibold">
          Activity
        </h2>
        <AuditTable rows={activity.events} empty="Nothing recorded for this device yet." />
      </section>
    </>
  );
}
