"use client";
import { MAX_TICKET_ATTACHMENT_BYTES } from "@helpline/protocol";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { portalFetch } from "./portal-fetch";

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
  const descriptionId = useId();
  const filesId = useId();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [pending, setPending] = useState(false);
  const total = files.reduce((sum, file) => sum + file.size, 0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (total > MAX_TICKET_ATTACHMENT_BYTES) return toast("error", "Attachments may total at most 10 MiB.");
    setPending(true);
    const attachments = await Promise.all(files.map(toAttachment));
    const result = await portalFetch<{ number: number }>("/portal/api/tickets", { title, description, attachments });
    setPending(false);
    if (!result.ok) return toast("error", result.message);
    toast("success", `Ticket #${result.data.number} created. We will answer you here and by email.`);
    router.push(`/portal/tickets/${result.data.number}`);
  }

  return (
    <form
      aria-label="New ticket"
      onSubmit={submit}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5"
    >
      <TextField
        label="Title"
        required
        maxLength={200}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        placeholder="What is wrong, in a few words"
      />
      <div className="space-y-1">
        <label htmlFor={descriptionId} className="block text-sm font-medium text-slate-700">
          Description
        </label>
        <textarea
          id={descriptionId}
          rows={6}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          placeholder="What happened, since when, what you tried"
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={filesId} className="block text-sm font-medium text-slate-700">
          Attachments
        </label>
        <input
          id={filesId}
          type="file"
          multiple
          onChange={(event) => setFiles([...(event.target.files ?? [])])}
          className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
        />
        <p className={`text-xs ${total > MAX_TICKET_ATTACHMENT_BYTES ? "text-red-600" : "text-slate-500"}`}>
          Screenshots or logs, up to 10 MiB in all.
        </p>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create ticket"}
        </Button>
      </div>
    </form>
  );
}
