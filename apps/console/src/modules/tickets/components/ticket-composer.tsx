"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { addTicketNoteAction, replyToTicketAction } from "../actions";

type Mode = "reply" | "note";

const MODES: { mode: Mode; label: string }[] = [
  { mode: "reply", label: "Reply" },
  { mode: "note", label: "Internal note" },
];

/**
 * Writes on a ticket: a Reply goes to the contact by email; an Internal note stays with the
 * technicians. The mode is always visible (and the note box turns amber) so nobody mails a
 * customer what was meant for colleagues.
 */
export function TicketComposer({ ticketId, contactEmail }: { ticketId: string; contactEmail: string | null }) {
  const [mode, setMode] = useState<Mode>("reply");
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const router = useRouter();
  const id = useId();
  const mutation = useMutation({
    mutationFn: (input: { mode: Mode; body: string }) =>
      input.mode === "reply"
        ? replyToTicketAction({ ticketId, body: input.body })
        : addTicketNoteAction({ ticketId, body: input.body }),
    onSuccess: (result) => {
      if (!result.ok) {
        setError(result.error.fields?.body ?? result.error.message);
        return;
      }
      const reply: { messageId: string; sentTo?: string | null; contactMutedMail?: boolean } = result.data;
      const replyToast = reply.sentTo
        ? `Reply sent to ${reply.sentTo}`
        : reply.contactMutedMail
          ? "Reply added: the contact reads it in the Customer Portal (they turned reply emails off)"
          : "Reply added (this ticket has no contact to email)";
      toast("success", mode === "note" ? "Note added" : replyToast);
      setBody("");
      setError(null);
      router.refresh();
    },
    onError: () => toast("error", "Could not save your message. Try again."),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!body.trim()) {
      setError("Write a message first.");
      return;
    }
    mutation.mutate({ mode, body });
  }

  const note = mode === "note";
  return (
    <form
      aria-label="Composer"
      onSubmit={submit}
      className={`rounded-xl border p-4 ${note ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
    >
      <div role="tablist" aria-label="Composer mode" className="mb-3 inline-flex rounded-lg bg-slate-100 p-1">
        {MODES.map((entry) => (
          <button
            key={entry.mode}
            type="button"
            role="tab"
            aria-selected={mode === entry.mode}
            onClick={() => setMode(entry.mode)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${mode === entry.mode ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {entry.label}
          </button>
        ))}
      </div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        Message
      </label>
      <textarea
        id={id}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        rows={5}
        maxLength={20_000}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        placeholder={note ? "Only technicians see this." : "Your answer to the contact."}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none aria-invalid:border-red-400"
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
      <div className="mt-3 flex items-center justify-between gap-3">
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {note
            ? "Internal note: never emailed, never shown in the Customer Portal."
            : contactEmail
              ? `Emailed to ${contactEmail} and shown in the Customer Portal.`
              : "This ticket has no contact: the reply is kept on the ticket only."}
        </p>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : note ? "Add note" : "Send reply"}
        </Button>
      </div>
    </form>
  );
}
