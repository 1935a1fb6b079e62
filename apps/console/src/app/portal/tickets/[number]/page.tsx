import { getPortalTicket, ZPortalTicketNumber } from "@helpline/core";
import { formatZonedDateTime } from "@helpline/i18n";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/modules/tickets/components/ticket-badges";
import { ReplyBox } from "@/modules/portal/components/reply-box";
import { replyExpectation } from "@/modules/portal/reply-expectation";
import { requestLocale } from "@/modules/portal/portal-locale";
import { requirePortalContact } from "@/modules/portal/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("portal"))("ticket.metaTitle") };
}

export default async function PortalTicketPage({ params }: { params: Promise<{ number: string }> }) {
  const raw = (await params).number;
  const contact = await requirePortalContact(`/portal/tickets/${encodeURIComponent(raw)}`);
  const number = ZPortalTicketNumber.safeParse(raw);
  const ticket = number.success ? await getPortalTicket({ contact, number: number.data }) : null;
  if (!ticket) notFound();
  const [t, locale] = await Promise.all([getTranslations("portal"), requestLocale()]);
  // Times in the zone of the contact's customer, named, in their language: "3 déc. 2026, 09:30 CET".
  const at = (date: Date) => formatZonedDateTime(date, ticket.timeZone, locale);
  // The sizes the console writes ("1.5 KB"), with the reader's decimal sign and units ("1,5 Ko").
  const fileSize = (bytes: number) =>
    bytes < 1024
      ? t("ticket.bytes", { size: bytes })
      : bytes < 1024 * 1024
        ? t("ticket.kilobytes", { size: bytes / 1024 })
        : t("ticket.megabytes", { size: bytes / 1024 / 1024 });
  const expectation = replyExpectation({ ticket, locale });
  const filesOf = (messageId: string | null) => ticket.attachments.filter((file) => file.messageId === messageId);
  const entries = [
    ticket.source === "console" || ticket.source === "api"
      ? {
          id: "description",
          author: ticket.openedBy?.name ?? t("ticket.helpdesk"),
          fromTechnician: true,
          body: ticket.description,
          at: ticket.createdAt,
          files: filesOf(null),
        }
      : {
          id: "description",
          author: ticket.contact?.fullName ?? t("ticket.you"),
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
        <span aria-hidden="true">← </span>
        {t("nav.myTickets")}
      </Link>
      <div className="mt-2 mb-5 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words text-slate-900">
          #{ticket.number} {ticket.title}
        </h1>
        <StatusBadge status={ticket.status} label={t(`status.${ticket.status}`)} />
      </div>
      <p className="-mt-3 mb-5 text-xs text-slate-500">
        {ticket.device
          ? t("ticket.openedFrom", { at: at(ticket.createdAt), device: ticket.device.hostname })
          : t("ticket.opened", { at: at(ticket.createdAt) })}
      </p>
      {expectation ? (
        <p
          className={`mb-5 rounded-xl border px-4 py-3 text-sm font-medium ${ticket.status === "pending" ? "border-amber-200 bg-amber-50 text-amber-900" : "border-indigo-100 bg-indigo-50 text-indigo-900"}`}
        >
          {expectation}
        </p>
      ) : null}
      <ol aria-label={t("ticket.conversation")} className="mb-5 space-y-3">
        {entries.map((entry) => (
          <li
            key={entry.id}
            className={`rounded-xl border p-4 ${entry.fromTechnician ? "border-indigo-100 bg-indigo-50/50" : "border-slate-200 bg-white"}`}
          >
            <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="font-medium text-slate-900">
                {entry.author}
                {entry.fromTechnician ? (
                  <span className="ml-2 text-xs font-normal text-indigo-700">{t("ticket.technician")}</span>
                ) : null}
              </span>
              <time dateTime={entry.at.toISOString()} className="text-xs text-slate-500">
                {at(entry.at)}
              </time>
            </div>
            <p className="text-sm break-words whitespace-pre-wrap text-slate-800">
              {entry.body || <span className="text-slate-400">{t("ticket.noDescription")}</span>}
            </p>
            {entry.files.length > 0 ? (
              <ul aria-label={t("ticket.attachments")} className="mt-3 flex flex-wrap gap-3">
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
                      <span className="text-slate-500">{fileSize(file.size)}</span>
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
