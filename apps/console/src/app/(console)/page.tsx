import { getDashboard } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/zoned-time";
import { requireTechnician } from "@/modules/auth/session";
import { DueNextList } from "@/modules/dashboard/components/due-next-list";
import { SlaComplianceChart } from "@/modules/dashboard/components/sla-compliance-chart";
import { TicketsByStatusChart, UnresolvedByCustomerChart } from "@/modules/dashboard/components/ticket-charts";
import { StatusBadge } from "@/modules/tickets/components/ticket-badges";
import { UNASSIGNED_CUSTOMERS } from "@/modules/tickets/unassigned-customers";

export const metadata: Metadata = { title: "Dashboard" };

const STEPS = [
  {
    title: "Add a customer",
    body: "Each customer gets its own install key for the Helpline agent.",
    href: "/customers",
  },
  {
    title: "Install the agent",
    body: "Enroll each device with the customer's install key; it shows up under Devices.",
    href: "/devices",
  },
  {
    title: "Activate the Helpdesk Agent",
    body: "On one device or the whole fleet; users then open tickets with Ctrl+F12.",
    href: "/devices",
  },
  {
    title: "Answer tickets",
    body: "Reply to users and keep notes for your team from the Tickets list.",
    href: "/tickets",
  },
];

function Stat({ label, value, detail, href }: { label: string; value: string; detail: string; href: string }) {
  return (
    <Link href={href} className="rounded-xl border border-slate-200 bg-white p-5 hover:border-indigo-300">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-1 text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">{value}</p>
      <p className="mt-1 text-xs text-slate-500">{detail}</p>
    </Link>
  );
}

function Panel({
  id,
  title,
  description,
  children,
  action,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-5">
      <div className="mb-4 flex items-center justify-between">
        <div>
          <h2 id={id} className="text-base font-semibold">
            {title}
          </h2>
          {description ? <p className="text-xs text-slate-500">{description}</p> : null}
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}

export default async function DashboardPage() {
  const technician = await requireTechnician();
  const dashboard = await getDashboard();
  const count = (status: string) => dashboard.ticketsByStatus.find((row) => row.status === status)?.count ?? 0;
  const unresolved = count("open") + count("pending");
  const { online, total } = dashboard.devices;
  // A new desk (no device or no ticket yet) still needs the way in; a busy one needs the space.
  const gettingStarted = total === 0 || dashboard.newestTickets.length === 0;
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome, ${technician.name}.`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Unresolved tickets"
          value={unresolved.toLocaleString("en")}
          detail="Open and pending"
          href="/tickets"
        />
        <Stat
          label="Open"
          value={count("open").toLocaleString("en")}
          detail="Waiting on a technician"
          href="/tickets?status=open"
        />
        <Stat
          label="Pending"
          value={count("pending").toLocaleString("en")}
          detail="Waiting on the customer"
          href="/tickets?status=pending"
        />
        <Stat
          label="Devices online"
          value={`${online.toLocaleString("en")} / ${total.toLocaleString("en")}`}
          detail={total === 0 ? "No agent enrolled yet" : `${Math.round((online / total) * 100)}% checked in recently`}
          href="/devices?status=online"
        />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Panel id="tickets-by-status" title="Tickets by status">
          <TicketsByStatusChart rows={dashboard.ticketsByStatus} />
        </Panel>
        <Panel id="unresolved-by-customer" title="Unresolved by customer">
          <UnresolvedByCustomerChart rows={dashboard.unresolvedByCustomer} />
        </Panel>
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Panel id="sla-compliance" title="SLA compliance" description="Last 30 days, percent of targets met">
          <SlaComplianceChart rows={dashboard.slaCompliance} />
        </Panel>
        <Panel
          id="due-next"
          title="Due next"
          action={
            <Link href="/tickets?sort=due" className="text-sm font-medium text-indigo-700 hover:underline">
              All by due time
            </Link>
          }
        >
          <DueNextList tickets={dashboard.dueNext} />
        </Panel>
      </div>
      <div className="mt-6">
        <Panel
          id="newest-tickets"
          title="Newest tickets"
          action={
            <Link href="/tickets?status=all" className="text-sm font-medium text-indigo-700 hover:underline">
              All tickets
            </Link>
          }
        >
          {dashboard.newestTickets.length === 0 ? (
            <p className="text-sm text-slate-500">
              No tickets yet. Tickets that users open with Ctrl+F12 or from the Customer Portal land here.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {dashboard.newestTickets.map((ticket) => (
                <li key={ticket.number} className="flex items-center gap-3 py-2.5 text-sm">
                  <span className="w-14 shrink-0 text-slate-500 tabular-nums">#{ticket.number}</span>
                  <Link
                    href={`/tickets/${ticket.number}`}
                    className="min-w-0 flex-1 truncate font-medium text-indigo-700 hover:underline"
                    title={ticket.title}
                  >
                    {ticket.title}
                  </Link>
                  <span
                    className="hidden w-56 shrink-0 truncate text-slate-600 md:block"
                    title={`${ticket.customer?.name ?? UNASSIGNED_CUSTOMERS}${ticket.contact ? `, ${ticket.contact.fullName}` : ""}`}
                  >
                    {ticket.customer?.name ?? UNASSIGNED_CUSTOMERS}
                    {ticket.contact ? ` · ${ticket.contact.fullName}` : ""}
                  </span>
                  <span className="w-20 shrink-0">
                    <StatusBadge status={ticket.status} />
                  </span>
                  <RelativeTime at={ticket.createdAt} className="w-28 shrink-0 text-right text-slate-500" />
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
      {gettingStarted ? (
        <section aria-labelledby="getting-started" className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
          <h2 id="getting-started" className="text-base font-semibold">
            Getting started
          </h2>
          <ol className="mt-4 grid gap-4 md:grid-cols-2">
            {STEPS.map((step, index) => (
              <li key={step.title}>
                <Link
                  href={step.href}
                  className="flex gap-3 rounded-lg border border-slate-200 p-4 hover:border-indigo-300 hover:bg-indigo-50/40"
                >
                  <span className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-700">
                    {index + 1}
                  </span>
                  <span>
                    <span className="block text-sm font-medium text-slate-900">{step.title}</span>
                    <span className="mt-0.5 block text-sm text-slate-500">{step.body}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
