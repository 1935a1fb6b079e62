"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { usePortalFetch } from "./use-portal-fetch";

/** The contact's answer on a ticket page, and Close / Reopen. */
export function ReplyBox({ number, status }: { number: number; status: "open" | "pending" | "resolved" | "closed" }) {
  const router = useRouter();
  const t = useTranslations("portal.reply");
  const portalFetch = usePortalFetch();
  const toast = useToast();
  const id = useId();
  const [body, setBody] = useState("");
  const [pending, setPending] = useState(false);

  async function reply(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await portalFetch(`/portal/api/tickets/${number}/replies`, { body });
    setPending(false);
    if (!result.ok) return toast("error", result.message);
    setBody("");
    toast("success", t("sent"));
    router.refresh();
  }

  async function setStatus(action: "close" | "reopen") {
    setPending(true);
    const result = await portalFetch(`/portal/api/tickets/${number}/status`, { action });
    setPending(false);
    if (!result.ok) return toast("error", result.message);
    toast("success", action === "close" ? t("closed") : t("reopened"));
    router.refresh();
  }

  if (status === "closed") {
    return (
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-600">{t("closedNotice")}</p>
        <Button variant="secondary" disabled={pending} onClick={() => setStatus("reopen")}>
          {t("reopen")}
        </Button>
      </div>
    );
  }
  return (
    <form aria-label={t("form")} onSubmit={reply} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {t("message")}
      </label>
      <textarea
        id={id}
        required
        rows={4}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        placeholder={t("placeholder")}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none"
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Button type="button" variant="ghost" disabled={pending} onClick={() => setStatus("close")}>
          {t("close")}
        </Button>
        <Button type="submit" disabled={pending || body.trim() === ""}>
          {pending ? t("sending") : t("send")}
        </Button>
      </div>
    </form>
  );
}
