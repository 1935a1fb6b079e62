import { safePortalPath } from "@helpline/core";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PortalSignInForm } from "@/modules/portal/components/portal-sign-in-form";
import { currentContact } from "@/modules/portal/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("portal"))("signIn.metaTitle") };
}

export default async function PortalSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const next = safePortalPath(params.next);
  if (await currentContact()) redirect(next);
  // Not signed in: the browser's language (Accept-Language), src/i18n/request.ts.
  const t = await getTranslations("portal");
  const notice = params.error
    ? { tone: "error", text: t("signIn.invalidLink") }
    : params.signed_out
      ? { tone: "success", text: t("signIn.signedOut") }
      : null;
  return (
    <div className="mx-auto mt-6 max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">{t("signIn.heading")}</h1>
      <p className="mt-1 mb-5 text-sm text-slate-500">{t("signIn.intro")}</p>
      {notice ? (
        <p
          role={notice.tone === "error" ? "alert" : "status"}
          className={`mb-4 rounded-md px-3 py-2 text-sm ${notice.tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}
        >
          {notice.text}
        </p>
      ) : null}
      <PortalSignInForm next={next} />
      <p className="mt-5 text-xs text-slate-500">{t.rich("signIn.agentHint", { b: (chunks) => <b>{chunks}</b> })}</p>
    </div>
  );
}
