import { getPortalBranding } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { currentContact } from "@/modules/portal/session";

export async function generateMetadata(): Promise<Metadata> {
  const brand = await getPortalBranding();
  return { title: { default: `${brand.name} Customer Portal`, template: `%s · ${brand.name} Customer Portal` } };
}

/** The Customer Portal's own frame: the MSP's name and logo, made for a phone as much as a desk. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const [brand, contact] = await Promise.all([getPortalBranding(), currentContact()]);
  return (
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
            <span className="hidden text-sm text-slate-500 sm:inline">Customer Portal</span>
          </Link>
          {contact ? (
            <nav aria-label="Portal" className="flex flex-wrap items-center gap-1 text-sm">
              <Link href="/portal" className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
                My tickets
              </Link>
              <Link
                href="/portal/tickets/new"
                className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100"
              >
                New ticket
              </Link>
              <Link
                href="/portal/settings"
                className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100"
              >
                Preferences
              </Link>
              <form action="/portal/api/sign-out" method="post">
                <button
                  type="submit"
                  className="rounded-md px-3 py-1.5 font-medium text-slate-500 hover:bg-slate-100 hover:text-slate-900"
                >
                  Sign out
                </button>
              </form>
            </nav>
          ) : null}
        </div>
        {contact ? (
          <div className="mx-auto max-w-4xl px-4 pb-2 text-xs text-slate-500" data-testid="portal-contact">
            Signed in as {contact.fullName} ({contact.email}) · {contact.customerName}
          </div>
        ) : null}
      </header>
      <main className="mx-auto max-w-4xl px-4 py-6">{children}</main>
    </div>
  );
}
