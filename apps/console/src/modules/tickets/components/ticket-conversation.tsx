import type { getTicket } from "@helpline/core";
import { fileNameParts } from "@helpline/protocol";
import type { ReactNode } from "react";
import { LockIcon } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/zoned-time";
import { formatFileSize } from "@/lib/format";
import { MailBadge, MailDetails } from "./mail-origin";
import { ReplyDelivery } from "./reply-delivery";

type Ticket = NonNullable<Awaited<ReturnType<typeof getTicket>>>;
type Attachment = Ticket["attachments"][number];

function attachmentUrl(ticketId: string, attachmentId: string): string {
  return `/api/tickets/${ticketId}/attachments/${attachmentId}`;
}

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]!.toUpperCase())
      .join("") || "?"
  );
}

// A long name is cut short in the middle, never at the end: the extension says what the file is.
function FileName({ name }: { name: string }) {
  const { stem, extension } = fileNameParts(name);
  return (
    <span className="flex font-medium text-slate-800" title={name}>
      <span className="min-w-0 truncate">{stem}</span>
      <span className="shrink-0">{extension}</span>
    </span>
  );
}

// Images a mail showed in its text (cid:) appear in the conversation as the sender saw them.
function InlineImages({ ticketId, attachments }: { ticketId: string; attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <div className="mt-3 space-y-2">
      {attachments.map((attachment) => (
        <a key={attachment.id} href={attachmentUrl(ticketId, attachment.id)} target="_blank" rel="noopener">
          <img
            src={attachmentUrl(ticketId, attachment.id)}
            alt={`Inline image ${attachment.name}`}
            className="max-h-80 max-w-full rounded-md border border-slate-200"
          />
        </a>
      ))}
    </div>
  );
}

function Attachments({ ticketId, attachments }: { ticketId: string; attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  const inline = attachments.filter((attachment) => attachment.inline);
  const files = attachments.filter((attachment) => !attachment.inline);
  return (
    <>
      <InlineImages ticketId={ticketId} attachments={inline} />
      <FileList ticketId={ticketId} attachments={files} />
    </>
  );
}

function FileList({ ticketId, attachments }: { ticketId: string; attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul aria-label="Attachments" className="mt-4 flex flex-wrap items-start gap-3">
      {attachments.map((attachment) => {
        const url = attachmentUrl(ticketId, attachment.id);
        return (
          <li key={attachment.id} className="w-56 overflow-hidden rounded-lg border border-slate-200 bg-white">
            {attachment.previewable ? (
              <a href={url} target="_blank" rel="noopener" className="block border-b border-slate-100 bg-slate-50">
                {/* Only raster images whose bytes were checked on upload are previewed. */}
                <img src={url} alt={`Preview of ${attachment.name}`} className="h-32 w-full object-contain" />
              </a>
            ) : null}
            <div className="flex items-center justify-between gap-2 px-3 py-2 text-xs">
              <span className="min-w-0">
                <FileName name={attachment.name} />
                <span className="text-slate-500">{formatFileSize(attachment.size)}</span>
              </span>
              <a
                href={url}
                download={attachment.name}
                aria-label={`Download ${attachment.name}`}
                className="shrink-0 rounded-md border border-slate-300 px-2 py-1 font-medium text-slate-700 hover:bg-slate-50"
              >
                Download
              </a>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function Entry({
  label,
  author,
  at,
  tone,
  badge,
  children,
}: {
  label: string;
  author: string;
  at: Date;
  tone: "contact" | "reply" | "note";
  badge?: ReactNode;
  children: ReactNode;
}) {
  const card = {
    contact: "border-slate-200 bg-white",
    reply: "border-indigo-200 bg-white",
    note: "border-amber-300 bg-amber-50",
  }[tone];
  const avatar = {
    contact: "bg-slate-200 text-slate-700",
    reply: "bg-indigo-100 text-indigo-700",
    note: "bg-amber-200 text-amber-900",
  }[tone];
  return (
    <li className="flex gap-3">
      <span
        aria-hidden="true"
        className={`mt-1 flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${avatar}`}
      >
        {initials(author)}
      </span>
      <article aria-label={label} className={`min-w-0 flex-1 rounded-xl border p-4 ${card}`}>
        <header className="mb-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <span className="font-medium text-slate-900">{author}</span>
          {badge}
          <RelativeTime at={at} className="text-slate-500" />
        </header>
        {children}
      </article>
    </li>
  );
}

/**
 * The conversation: the description as the contact's first message, then replies and internal
 * notes in order; what came in by email says so, names its sender and offers the whole mail and
 * its original. Everything people typed or mailed is rendered as text, never as HTML.
 */
export function TicketConversation({ ticket }: { ticket: Ticket }) {
  // A ticket written down in the console (or sent by an integration as a technician) is the
  // technician's words, for the contact (if any).
  const byTechnician = ticket.source === "console" || ticket.source === "api";
  const mail = ticket.openingMail;
  const opener = byTechnician
    ? (ticket.openedBy?.name ?? "Removed user")
    : (ticket.contact?.fullName ??
      ticket.requesterName ??
      mail?.fromName ??
      ticket.requesterEmail ??
      mail?.fromAddress ??
      "Unknown contact");
  const opened =
    byTechnician && ticket.contact ? `opened the ticket for ${ticket.contact.fullName}` : "opened the ticket";
  return (
    <ol aria-label="Conversation" className="space-y-4">
      <Entry
        label={`Description from ${opener}`}
        author={opener}
        at={ticket.createdAt}
        tone={byTechnician ? "reply" : "contact"}
        badge={mail ? <MailBadge mail={mail} author={opener} /> : <span className="text-slate-500">{opened}</span>}
      >
        {ticket.description ? (
          <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{ticket.description}</p>
        ) : (
          <p className="text-sm text-slate-400 italic">No description.</p>
        )}
        <Attachments
          ticketId={ticket.id}
          attachments={ticket.attachments.filter((attachment) => !attachment.messageId)}
        />
        {mail ? <MailDetails mail={mail} /> : null}
      </Entry>
      {ticket.messages.map((message) => {
        const author = message.author?.name ?? "Removed user";
        const note = message.kind === "note";
        const fromContact = message.author?.type === "contact" || message.author?.type === "sender";
        return (
          <Entry
            key={message.id}
            label={note ? `Internal note by ${author}` : `Reply by ${author}`}
            author={author}
            at={message.createdAt}
            tone={note ? "note" : fromContact ? "contact" : "reply"}
            badge={
              note ? (
                <span className="inline-flex items-center gap-1 rounded-full bg-amber-200/70 px-2 py-0.5 text-xs font-medium text-amber-900 [&_svg]:h-3.5 [&_svg]:w-3.5">
                  <LockIcon />
                  Internal note
                </span>
              ) : message.inboundMail ? (
                <MailBadge mail={message.inboundMail} author={author} />
              ) : (
                <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700">
                  {fromContact ? "Reply from contact" : "Reply"}
                </span>
              )
            }
          >
            <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{message.body}</p>
            <Attachments
              ticketId={ticket.id}
              attachments={ticket.attachments.filter((attachment) => attachment.messageId === message.id)}
            />
            {message.inboundMail ? <MailDetails mail={message.inboundMail} /> : null}
            {message.mail ? <ReplyDelivery mail={message.mail} /> : null}
          </Entry>
        );
      })}
    </ol>
  );
}
