import { safePortalPath } from "@helpline/core";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("portal"))("signIn.metaTitle") };
}

/**
 * Where a sign-in link lands. The link is spent by the Continue button's POST, not by opening the
 * page: mail scanners that open every link must not use it up before its owner does.
 */
export default async function PortalLinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { token } = await params;
  const next = safePortalPath((await searchParams).next);
  const t = await getTranslations("portal");
  return (
    <div className="mx-auto mt-6 max-w-sm rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">{t("signIn.heading")}</h1>
      <p className="mt-1 mb-5 text-sm text-slate-500">{t("signIn.linkIntro")}</p>
      <form action="/portal/api/session" method="post">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="next" value={next} />
        <Button type="submit" className="w-full">
          {t("signIn.continue")}
        </Button>
      </form>
    </div>
  );
}
