import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/ui/zoned-time";
import { requireTechnician } from "@/modules/auth/session";
import { PriorityText, StatusBadge } from "@/modules/tickets/components/ticket-badges";
import { FileUnderCustomer } from "@/modules/tickets/components/file-under-customer";
import { TicketComposer } from "@/modules/tickets/components/ticket-composer";
import { TicketConversation } from "@/modules/tickets/components/ticket-conversation";
import { TicketCustomerLink } from "@/modules/tickets/components/ticket-customer-link";
import { TicketProperties } from "@/modules/tickets/components/ticket-properties";
import { TicketSlaPanel } from "@/modules/tickets/components/ticket-sla-panel";
import { loadTicketPage } from "@/modules/tickets/queries";

type Params = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Ticket #${(await params).number}` };
}

const SOURCE_LABEL: Record<string, string> = {
  agent: "the Helpdesk Agent",
  portal: "the Customer Portal",
  console: "the console",
  api: "the REST API",
  email: "Email",
};

function Card({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  const id = `card-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-5">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id={id} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="space-y-2 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="grid grid-cols-[6.5rem_1fr] gap-2">
          <dt className="text-slate-500">{term}</dt>
          <dd className="min-w-0 break-words text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function TicketPage({ params }: Params) {
  await requireTechnician();
  const data = await loadTicketPage((await params).number);
  if (!data) notFound();
  const { ticket, assignees, customers, sla, now } = data;
  const requester = ticket.requesterEmail
    ? ticket.requesterName
      ? `${ticket.requesterName} <${ticket.requesterEmail}>`
      : ticket.requesterEmail
    : null;
  // Without a contact (an unknown sender's mail), the card shows who wrote in as the mail named them.
  const person = ticket.contact
    ? { term: "Name", name: ticket.contact.fullName, email: ticket.contact.email }
    : ticket.requesterEmail
      ? { term: "Requester", name: ticket.requesterName ?? "—", email: ticket.requesterEmail }
      : null;
  const snapshot = ticket.snapshot;
  const user = snapshot?.user
    ? `${snapshot.user}${snapshot.userDisplayName ? ` (${snapshot.userDisplayName})` : ""}`
    : null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/tickets" className="hover:underline">
          Tickets
        </Link>{" "}
        / <TicketCustomerLink customer={ticket.customer} className="hover:underline" /> / #{ticket.number}
      </nav>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">
          <span className="text-slate-400">#{ticket.number}</span> {ticket.title}
        </h1>
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-500">
          <StatusBadge status={ticket.status} />
          <PriorityText priority={ticket.priority} />
          <span>
            Opened <RelativeTime at={ticket.createdAt} /> from {SOURCE_LABEL[ticket.source] ?? ticket.source}
          </span>
          <span>
            · updated <RelativeTime at={ticket.updatedAt} />
          </span>
          {ticket.followUpOf ? (
            <Link
              href={`/tickets/${ticket.followUpOf.number}`}
              title={ticket.followUpOf.title}
              className="font-medium text-indigo-700 hover:underline"
            >
              Follow-up of #{ticket.followUpOf.number}
            </Link>
          ) : null}
        </p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <TicketConversation ticket={ticket} />
          <TicketComposer ticketId={ticket.id} contactEmail={ticket.contact?.email ?? null} />
        </div>
        <aside aria-label="Ticket details" className="space-y-4">
          <Card title="Properties">
            <TicketProperties
              key={`${ticket.status}-${ticket.priority}-${ticket.assignee?.id ?? ""}`}
              ticketId={ticket.id}
              initial={{ status: ticket.status, priority: ticket.priority, assigneeId: ticket.assignee?.id ?? null }}
              assignees={assignees}
            />
          </Card>
          <Card title="SLA">
            <TicketSlaPanel sla={sla} now={now} />
          </Card>
          {ticket.customer ? null : (
            <Card title="File under customer">
              <FileUnderCustomer ticketId={ticket.id} requester={requester} customers={customers} />
            </Card>
          )}
          <Card title="Contact">
            {person ? (
              <Facts
                rows={[
                  [person.term, person.name],
                  [
                    "Email",
                    <a key="email" href={`mailto:${person.email}`} className="text-indigo-700 hover:underline">
                      {person.email}
                    </a>,
                  ],
                  [
                    "Customer",
                    <TicketCustomerLink
                      key="customer"
                      customer={ticket.customer}
                      className="text-indigo-700 hover:underline"
                    />,
                  ],
                ]}
              />
            ) : (
              <p className="text-sm text-slate-500">No contact: replies are kept on the ticket but mailed to nobody.</p>
            )}
          </Card>
          <Card
            title="Device"
            action={
              ticket.device ? (
                <Link
                  href={`/devices/${ticket.device.id}`}
                  className="text-sm font-medium text-indigo-700 hover:underline"
                >
                  Device / Agent
                </Link>
              ) : null
            }
          >
            {snapshot || ticket.device ? (
              <>
                <Facts
                  rows={[
                    ["Hostname", snapshot?.hostname ?? ticket.device?.hostname ?? "—"],
                    ["OS", snapshot?.os || "—"],
                    ["Signed-in user", user ?? "—"],
                    ["IP address", snapshot?.ip || "—"],
                    ["Agent version", snapshot?.agentVersion || "—"],
                  ]}
                />
                {snapshot ? (
                  <p className="mt-3 text-xs text-slate-500">As the agent reported it when the ticket was opened.</p>
                ) : null}
                {!ticket.device ? (
                  <p className="mt-3 text-xs text-slate-500">This device has since been removed.</p>
                ) : null}
              </>
            ) : (
              <p className="text-sm text-slate-500">Not opened from a device.</p>
            )}
          </Card>
        </aside>
      </div>
    </>
  );
}
