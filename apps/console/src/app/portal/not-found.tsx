import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** A ticket or page the contact cannot reach, in their language, with the way back to their tickets (not the console's Dashboard). */
export default async function PortalNotFound() {
  const t = await getTranslations("portal.notFound");
  return (
    <div className="flex min-h-[50vh] flex-col items-center justify-center text-center">
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-1 text-sm text-slate-500">{t("text")}</p>
      <Link href="/portal" className="mt-4 text-sm font-medium text-indigo-700 hover:underline">
        {t("back")}
      </Link>
    </div>
  );
}
