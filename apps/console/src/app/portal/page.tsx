import { DomainError, listPortalTickets, ZListPortalTicketsInput } from "@helpline/core";
import type { Metadata } from "next";
import { TICKET_STATUSES } from "@helpline/protocol";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { TicketsIcon } from "@/components/ui/icons";
import { formatRelative } from "@/lib/format";
import { StatusBadge } from "@/modules/tickets/components/ticket-badges";
import { replyExpectation } from "@/modules/portal/reply-expectation";
import { requestLocale } from "@/modules/portal/portal-locale";
import { requirePortalContact } from "@/modules/portal/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("portal"))("list.heading") };
}

const CONTROL =
  "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none";

export default async function PortalTicketsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const contact = await requirePortalContact("/portal");
  const [t, locale] = await Promise.all([getTranslations("portal"), requestLocale()]);
  const now = new Date();
  const params = await searchParams;
  const parsed = ZListPortalTicketsInput.safeParse(params);
  // Only the cursor can fail to parse: the filters fall back to their defaults.
  const input = parsed.success ? parsed.data : ZListPortalTicketsInput.parse({ ...params, cursor: undefined });
  const listed = parsed.success ? await listPortalTickets({ contact, input }).catch(refusedCursor) : null;
  const filtered = input.status !== "all" || input.search !== "";
  const pageHref = (cursor?: string) =>
    `/portal?${new URLSearchParams({ status: input.status, search: input.search, view: input.view, ...(cursor ? { cursor } : {}) })}`;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
            {input.view === "customer" && contact.isMainContact
              ? t("list.allCustomer", { customer: contact.customerName })
              : t("list.heading")}
          </h1>
          <p className="text-sm text-slate-500">{t("list.subtitle")}</p>
        </div>
        <Link
          href="/portal/tickets/new"
          className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500"
        >
          {t("list.newTicket")}
        </Link>
      </div>
      <form aria-label={t("list.filter")} className="mb-4 flex flex-wrap items-end gap-2">
        {contact.isMainContact ? (
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">{t("list.show")}</span>
            <select name="view" defaultValue={input.view} className={CONTROL}>
              <option value="mine">{t("list.heading")}</option>
              <option value="customer">{t("list.allCustomer", { customer: contact.customerName })}</option>
            </select>
          </label>
        ) : null}
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("list.status")}</span>
          <select name="status" defaultValue={input.status} className={CONTROL}>
            <option value="all">{t("list.all")}</option>
            {TICKET_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="min-w-48 flex-1 text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("list.search")}</span>
          <input
            name="search"
            type="search"
            defaultValue={input.search}
            placeholder={t("list.searchPlaceholder")}
            className={`${CONTROL} w-full`}
          />
        </label>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          {t("list.apply")}
        </button>
      </form>
      {listed === null ? (
        <div role="alert" className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t("list.invalidCursor")}{" "}
          <Link href={pageHref()} className="font-medium text-indigo-700 underline">
            {t("list.firstPage")}
          </Link>
        </div>
      ) : listed.tickets.length === 0 ? (
        <EmptyState title={filtered ? t("list.noMatch") : t("list.empty")} icon={<TicketsIcon />}>
          {filtered ? t("list.noMatchHint") : t("list.emptyHint")}
        </EmptyState>
      ) : (
        <ul
          aria-label={t("list.tickets")}
          className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white"
        >
          {listed.tickets.map((ticket) => {
            const expectation = replyExpectation({ ticket, locale, now });
            return (
              <li key={ticket.id}>
                <Link
                  href={`/portal/tickets/${ticket.number}`}
                  className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 hover:bg-slate-50"
                >
                  <span className="font-mono text-sm text-slate-500">#{ticket.number}</span>
                  <span className="min-w-0 flex-1 font-medium break-words text-slate-900">{ticket.title}</span>
                  <StatusBadge status={ticket.status} label={t(`status.${ticket.status}`)} />
                  <span className="w-full text-xs text-slate-500 sm:w-auto">
                    {input.view === "customer" && ticket.contact ? (
                      <>
                        {ticket.contact.fullName}
                        <span aria-hidden="true"> · </span>
                      </>
                    ) : (
                      ""
                    )}
                    {t("list.updated", { when: formatRelative(ticket.updatedAt, now, locale) })}
                  </span>
                  {expectation ? (
                    <span
                      className={`w-full text-xs font-medium ${ticket.status === "pending" ? "text-amber-800" : "text-indigo-800"}`}
                    >
                      {expectation}
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {listed?.previousCursor || listed?.nextCursor ? (
        <nav aria-label={t("list.pages")} className="mt-4 flex justify-between text-sm">
          {listed.previousCursor ? (
            <Link href={pageHref(listed.previousCursor)} className="font-medium text-indigo-700">
              {t("list.previous")}
            </Link>
          ) : (
            <span />
          )}
          {listed.nextCursor ? (
            <Link href={pageHref(listed.nextCursor)} className="font-medium text-indigo-700">
              {t("list.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

// An edited or foreign page link is answered with a message and a way back, not an error page.
function refusedCursor(error: unknown): null {
  if (error instanceof DomainError && error.code === "invalid_cursor") return null;
  throw error;
}
