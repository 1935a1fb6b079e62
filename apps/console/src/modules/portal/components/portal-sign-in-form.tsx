"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { usePortalFetch } from "./use-portal-fetch";

export function PortalSignInForm({ next }: { next: string }) {
  const t = useTranslations("portal.signIn");
  const portalFetch = usePortalFetch();
  const [email, setEmail] = useState("");
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const response = await portalFetch<{ message: string }>("/portal/api/sign-in", { email, next });
    setPending(false);
    setResult(
      response.ok ? { tone: "success", text: response.data.message } : { tone: "error", text: response.message },
    );
  }

  return (
    <form aria-label={t("form")} onSubmit={submit} className="space-y-4">
      <TextField
        label={t("email")}
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("sending") : t("send")}
      </Button>
      {result ? (
        <p
          role={result.tone === "error" ? "alert" : "status"}
          className={`rounded-md px-3 py-2 text-sm ${result.tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}
        >
          {result.text}
        </p>
      ) : null}
    </form>
  );
}
