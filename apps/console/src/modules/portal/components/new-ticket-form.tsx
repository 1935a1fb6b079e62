"use client";
import { MAX_TICKET_ATTACHMENT_BYTES } from "@helpline/protocol";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { usePortalFetch } from "./use-portal-fetch";

async function toAttachment(file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return { name: file.name, contentType: file.type || "application/octet-stream", dataBase64: btoa(binary) };
}

export function NewTicketForm() {
  const router = useRouter();
  const toast = useToast();
  const t = useTranslations("portal.newTicket");
  const portalFetch = usePortalFetch();
  const descriptionId = useId();
  const filesId = useId();
  const filesLabelId = useId();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [pending, setPending] = useState(false);
  const total = files.reduce((sum, file) => sum + file.size, 0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (total > MAX_TICKET_ATTACHMENT_BYTES) return toast("error", t("tooLarge"));
    setPending(true);
    const attachments = await Promise.all(files.map(toAttachment));
    const result = await portalFetch<{ number: number }>("/portal/api/tickets", { title, description, attachments });
    setPending(false);
    if (!result.ok) return toast("error", result.message);
    toast("success", t("created", { ticket: result.data.number }));
    router.push(`/portal/tickets/${result.data.number}`);
  }

  return (
    <form
      aria-label={t("form")}
      onSubmit={submit}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5"
    >
      <TextField
        label={t("title")}
        required
        maxLength={200}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        placeholder={t("titlePlaceholder")}
      />
      <div className="space-y-1">
        <label htmlFor={descriptionId} className="block text-sm font-medium text-slate-700">
          {t("description")}
        </label>
        <textarea
          id={descriptionId}
          rows={6}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          placeholder={t("descriptionPlaceholder")}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none"
        />
      </div>
      <div className="space-y-1">
        <span id={filesLabelId} className="block text-sm font-medium text-slate-700">
          {t("attachments")}
        </span>
        {/* The browser's own file button speaks the browser's language, not the contact's: ours does. */}
        <div className="flex flex-wrap items-center gap-3">
          <input
            id={filesId}
            type="file"
            multiple
            aria-labelledby={filesLabelId}
            onChange={(event) => setFiles([...(event.target.files ?? [])])}
            className="peer sr-only"
          />
          <label
            htmlFor={filesId}
            className="cursor-pointer rounded-md bg-slate-100 px-3 py-2 text-sm font-medium text-slate-700 peer-focus-visible:ring-2 peer-focus-visible:ring-indigo-500 hover:bg-slate-200"
          >
            {t("chooseFiles")}
          </label>
          <span className="min-w-0 text-sm break-words text-slate-600">
            {files.length === 0
              ? t("noFiles")
              : files.length === 1
                ? files[0]!.name
                : t("files", { count: files.length })}
          </span>
        </div>
        <p className={`text-xs ${total > MAX_TICKET_ATTACHMENT_BYTES ? "text-red-600" : "text-slate-500"}`}>
          {t("attachmentsHint")}
        </p>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? t("creating") : t("create")}
        </Button>
      </div>
    </form>
  );
}
