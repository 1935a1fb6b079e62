import { getPortalBranding } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { currentContact } from "@/modules/portal/session";

export async function generateMetadata(): Promise<Metadata> {
  const [brand, t] = await Promise.all([getPortalBranding(), getTranslations("portal")]);
  const title = t("metaTitle", { brand: brand.name });
  return { title: { default: title, template: `%s · ${title}` } };
}

/**
 * The Customer Portal's own frame: the MSP's name and logo, made for a phone as much as a desk, in
 * the language of the request (src/i18n/request.ts). Client components get the portal's messages
 * only, not the agent's or the mails'.
 */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const [brand, contact, t, messages] = await Promise.all([
    getPortalBranding(),
    currentContact(),
    getTranslations("portal"),
    getMessages(),
  ]);
  return (
    <NextIntlClientProvider messages={{ portal: messages.portal, common: messages.common }}>
      <div className="min-h-screen bg-slate-50">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-3">
            <Link href="/portal" className="flex items-center gap-2">
              {brand.logoUrl ? (
                <img src={brand.logoUrl} alt="" className="h-8 w-auto max-w-32 object-contain" />
              ) : (
                <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-indigo-600 font-bold text-white">
                  {brand.name.slice(0, 1).toUpperCase()}
                </span>
              )}
              <span className="font-semibold text-slate-900">{brand.name}</span>
              <span className="hidden text-sm text-slate-500 sm:inline">{t("title")}</span>
            </Link>
            {contact ? (
              <nav aria-label={t("nav.label")} className="flex flex-wrap items-center gap-1 text-sm">
                <Link href="/portal" className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
                  {t("nav.myTickets")}
                </Link>
                <Link
                  href="/portal/tickets/new"
                  className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100"
                >
                  {t("nav.newTicket")}
                </Link>
                <Link
                  href="/portal/settings"
                  className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100"
                >
                  {t("nav.preferences")}
                </Link>
                <form action="/portal/api/sign-out" method="post">
                  <button
                    type="submit"
                    className="rounded-md px-3 py-1.5 font-medium text-slate-500 hover:bg-slate-100 hover:text-slate-900"
                  >
                    {t("nav.signOut")}
                  </button>
                </form>
              </nav>
            ) : null}
          </div>
          {contact ? (
            <div className="mx-auto max-w-4xl px-4 pb-2 text-xs text-slate-500" data-testid="portal-contact">
              {t("signedInAs", { name: contact.fullName, email: contact.email, customer: contact.customerName })}
            </div>
          ) : null}
        </header>
        <main className="mx-auto max-w-4xl px-4 py-6">{children}</main>
      </div>
    </NextIntlClientProvider>
  );
}
