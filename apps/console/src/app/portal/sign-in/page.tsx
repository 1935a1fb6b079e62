import { safePortalPath } from "@helpline/core";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PortalSignInForm } from "@/modules/portal/components/portal-sign-in-form";
import { currentContact } from "@/modules/portal/session";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, { tone: "error" | "success"; text: string }> = {
  invalid_link: { tone: "error", text: "This sign-in link has expired or was already used. Ask for a new one below." },
  signed_out: { tone: "success", text: "You are signed out." },
};

export default async function PortalSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const next = safePortalPath(params.next);
  if (await currentContact()) redirect(next);
  const notice = params.error ? NOTICES.invalid_link : params.signed_out ? NOTICES.signed_out : null;
  return (
    <div className="mx-auto mt-6 max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Sign in to the Customer Portal</h1>
      <p className="mt-1 mb-5 text-sm text-slate-500">
        Follow your tickets, answer your technician and open new tickets. No password: we email you a link.
      </p>
      {notice ? (
        <p
          role={notice.tone === "error" ? "alert" : "status"}
          className={`mb-4 rounded-md px-3 py-2 text-sm ${notice.tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}
        >
          {notice.text}
        </p>
      ) : null}
      <PortalSignInForm next={next} />
      <p className="mt-5 text-xs text-slate-500">
        On your computer, the Helpline agent&apos;s <b>Open Customer Portal</b> signs you in directly.
      </p>
    </div>
  );
}
