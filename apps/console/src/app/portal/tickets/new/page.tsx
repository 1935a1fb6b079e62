import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewTicketForm } from "@/modules/portal/components/new-ticket-form";
import { requirePortalContact } from "@/modules/portal/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("portal"))("newTicket.metaTitle") };
}

export default async function PortalNewTicketPage() {
  await requirePortalContact("/portal/tickets/new");
  const t = await getTranslations("portal");
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold tracking-tight text-slate-900">{t("newTicket.heading")}</h1>
      <p className="mb-4 text-sm text-slate-500">{t("newTicket.intro")}</p>
      <NewTicketForm />
    </>
  );
}
