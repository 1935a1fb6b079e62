import type { Metadata } from "next";
import { NewTicketForm } from "@/modules/portal/components/new-ticket-form";
import { requirePortalContact } from "@/modules/portal/session";

export const metadata: Metadata = { title: "New ticket" };

export default async function PortalNewTicketPage() {
  await requirePortalContact("/portal/tickets/new");
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold tracking-tight text-slate-900">New ticket</h1>
      <p className="mb-4 text-sm text-slate-500">Tell us what is wrong; you will get a receipt by email.</p>
      <NewTicketForm />
    </>
  );
}
