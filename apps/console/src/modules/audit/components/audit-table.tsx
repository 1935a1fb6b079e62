import { DateTime } from "@/components/ui/zoned-time";

type AuditRow = {
  id: string;
  at: Date;
  action: string;
  subject: string | null;
  actor: string;
  apiKeyName: string | null;
  data: Record<string, unknown>;
};

const ACTION_LABEL: Record<string, string> = {
  "helpdesk.activated": "Helpdesk Agent activated",
  "helpdesk.deactivated": "Helpdesk Agent deactivated",
  "helpdesk.policy_enabled": "Policy turned on",
  "helpdesk.policy_disabled": "Policy turned off",
  "technician.created": "Technician added",
  "technician.disabled": "Technician disabled",
  "technician.enabled": "Technician enabled",
  "technician.signed_in": "Signed in",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "customer.created": "Customer created",
  "customer.install_key_rotated": "Install key rotated",
  "device.enrolled": "Device enrolled",
  "device.re_enrolled": "Device enrolled again",
  "device.possible_clone": "Possible clone flagged",
  "identity.token_sent": "Identity token sent",
  "identity.confirmed": "Identity confirmed",
  "identity.token_burnt": "Identity token burnt (too many tries)",
  "contact.main_set": "Made a main contact",
  "contact.main_unset": "No longer a main contact",
  "ticket.created": "Ticket created",
  "ticket.replied": "Replied to a ticket",
  "ticket.note_added": "Internal note added",
  "ticket.updated": "Ticket updated",
  "ticket.contact_replied": "Contact replied",
  "settings.portal_branding": "Customer Portal name and logo changed",
  "settings.email": "Unknown-sender policy changed",
  "settings.email.test_mail": "Test mail sent to Helpline",
};

// "status open → pending" for each field a ticket update changed.
function ticketChanges(data: Record<string, unknown>): string | null {
  const changes = data.changes;
  if (!changes || typeof changes !== "object") return null;
  return Object.entries(changes as Record<string, { from: string | null; to: string | null }>)
    .map(([field, change]) => `${field} ${change.from ?? "none"} → ${change.to ?? "none"}`)
    .join(", ");
}

// How a re-enroll proved it was the same machine (packages/core enroll-rules.ts).
const ENROLL_PROOF: Record<string, string> = {
  token: "proven by its previous agent token",
  hardware: "proven by the same hardware and hostname",
  repeat: "the same enroll repeated at once",
};

function details(row: AuditRow): string {
  const ticket = typeof row.data.number === "number" ? `#${row.data.number}` : null;
  const proof = typeof row.data.proof === "string" ? ENROLL_PROOF[row.data.proof] : null;
  const parts = [
    ticket,
    ticketChanges(row.data),
    row.data.hostname,
    proof,
    row.data.clone,
    row.data.profile,
    row.data.mode ? `(${row.data.mode})` : null,
    row.data.email,
    row.data.name,
    row.data.unknownSenders ? `unknown senders: ${String(row.data.unknownSenders)}` : null,
  ].filter((part) => typeof part === "string" && part);
  return parts.join(" · ");
}

/** Who did what, when: newest first. */
export function AuditTable({ rows, empty }: { rows: AuditRow[]; empty: string }) {
  if (rows.length === 0) return <p className="px-5 pb-5 text-sm text-slate-500">{empty}</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th scope="col" className="px-5 py-2 font-medium">
            When
          </th>
          <th scope="col" className="px-5 py-2 font-medium">
            Who
          </th>
          <th scope="col" className="px-5 py-2 font-medium">
            What
          </th>
          <th scope="col" className="px-5 py-2 font-medium">
            Details
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="px-5 py-2.5 whitespace-nowrap text-slate-600">
              <DateTime at={row.at} />
            </td>
            <td className="px-5 py-2.5">
              {row.actor}
              {row.apiKeyName ? (
                <span className="block text-xs text-slate-500">via API key {row.apiKeyName}</span>
              ) : null}
            </td>
            <td className="px-5 py-2.5 font-medium">{ACTION_LABEL[row.action] ?? row.action}</td>
            <td className="px-5 py-2.5 text-slate-600">{details(row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
