import { formatZonedDateTime, getPortalTicket, ZPortalTicketNumber } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatFileSize } from "@/lib/format";
import { StatusBadge } from "@/modules/tickets/components/ticket-badges";
import { ReplyBox } from "@/modules/portal/components/reply-box";
import { replyExpectation } from "@/modules/portal/reply-expectation";
import { requirePortalContact } from "@/modules/portal/session";

export const metadata: Metadata = { title: "Ticket" };

export default async function PortalTicketPage({ params }: { params: Promise<{ number: string }> }) {
  const raw = (await params).number;
  const contact = await requirePortalContact(`/portal/tickets/${encodeURIComponent(raw)}`);
  const number = ZPortalTicketNumber.safeParse(raw);
  const ticket = number.success ? await getPortalTicket({ contact, number: number.data }) : null;
  if (!ticket) notFound();
  // Times in the zone of the contact's customer, named: "3 Dec 2026, 09:30 CET".
  const at = (date: Date) => formatZonedDateTime(date, ticket.timeZone);
  const expectation = replyExpectation(ticket);
  const filesOf = (messageId: string | null) => ticket.attachments.filter((file) => file.messageId === messageId);
  const entries = [
    ticket.source === "console" || ticket.source === "api"
      ? {
          id: "description",
          author: ticket.openedBy?.name ?? "Helpdesk",
          fromTechnician: true,
          body: ticket.description,
          at: ticket.createdAt,
          files: filesOf(null),
        }
      : {
          id: "description",
          author: ticket.contact?.fullName ?? "You",
          fromTechnician: false,
          body: ticket.description,
          at: ticket.createdAt,
          files: filesOf(null),
        },
    ...ticket.messages.map((message) => ({
      id: message.id,
      author: message.author.name,
      fromTechnician: message.author.type === "technician",
      body: message.body,
      at: message.createdAt,
      files: filesOf(message.id),
    })),
  ];
  return (
    <>
      <Link href="/portal" className="text-sm font-medium text-indigo-700">
        <span aria-hidden="true">← </span>My tickets
      </Link>
      <div className="mt-2 mb-5 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words text-slate-900">
          #{ticket.number} {ticket.title}
        </h1>
        <StatusBadge status={ticket.status} />
      </div>
      <p className="-mt-3 mb-5 text-xs text-slate-500">
        Opened {at(ticket.createdAt)}
        {ticket.device ? ` from ${ticket.device.hostname}` : ""}
      </p>
      {expectation ? (
        <p
          className={`mb-5 rounded-xl border px-4 py-3 text-sm font-medium ${ticket.status === "pending" ? "border-amber-200 bg-amber-50 text-amber-900" : "border-indigo-100 bg-indigo-50 text-indigo-900"}`}
        >
          {expectation}
        </p>
      ) : null}
      <ol aria-label="Conversation" className="mb-5 space-y-3">
        {entries.map((entry) => (
          <li
            key={entry.id}
            className={`rounded-xl border p-4 ${entry.fromTechnician ? "border-indigo-100 bg-indigo-50/50" : "border-slate-200 bg-white"}`}
          >
            <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="font-medium text-slate-900">
                {entry.author}
                {entry.fromTechnician ? (
                  <span className="ml-2 text-xs font-normal text-indigo-700">Technician</span>
                ) : null}
              </span>
              <time dateTime={entry.at.toISOString()} className="text-xs text-slate-500">
                {at(entry.at)}
              </time>
            </div>
            <p className="text-sm break-words whitespace-pre-wrap text-slate-800">
              {entry.body || <span className="text-slate-400">No description.</span>}
            </p>
            {entry.files.length > 0 ? (
              <ul aria-label="Attachments" className="mt-3 flex flex-wrap gap-3">
                {entry.files.map((file) => {
                  const href = `/portal/api/tickets/${ticket.number}/attachments/${file.id}`;
                  return (
                    <li
                      key={file.id}
                      className="max-w-full rounded-lg border border-slate-200 bg-white p-2 text-xs break-all"
                    >
                      {file.previewable ? (
                        <img src={href} alt={file.name} className="mb-1 max-h-40 max-w-56 rounded object-contain" />
                      ) : null}
                      <a href={href} download={file.name} className="font-medium text-indigo-700">
                        {file.name}
                      </a>{" "}
                      <span className="text-slate-500">{formatFileSize(file.size)}</span>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      <ReplyBox number={ticket.number} status={ticket.status} />
    </>
  );
}
