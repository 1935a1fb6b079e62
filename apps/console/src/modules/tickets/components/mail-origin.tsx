import type { getTicket } from "@helpline/core";
import { formatFileSize } from "@/lib/format";

type Mail = NonNullable<NonNullable<Awaited<ReturnType<typeof getTicket>>>["openingMail"]>;

/** "Jane Doe <jane@example.com>", or the bare address when the mail gave no name. */
export function mailSender(mail: Pick<Mail, "fromName" | "fromAddress">): string {
  return mail.fromName ? `${mail.fromName} <${mail.fromAddress}>` : mail.fromAddress;
}

/**
 * The "by email" mark of a ticket's description or message made from a mail, naming its sender:
 * the address, and the name the mail gave when it is not already the entry's `author`.
 */
export function MailBadge({ mail, author }: { mail: Mail; author: string }) {
  const sender = mail.fromName && mail.fromName !== author ? mailSender(mail) : `<${mail.fromAddress}>`;
  return (
    <span className="inline-flex min-w-0 items-center gap-1 text-slate-500">
      <span className="rounded-full bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-700 ring-1 ring-sky-200">
        by email
      </span>
      <span className="truncate" title={mailSender(mail)}>
        {sender}
      </span>
      {mail.automatic ? (
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">automatic</span>
      ) : null}
    </span>
  );
}

/**
 * Below a mail's text, which is only its new part (quoted earlier mail cut): Show the whole mail
 * (the text before cutting, as text) and Download original (the raw message, technicians only),
 * or why there is no original (it was larger than the size limit).
 */
export function MailDetails({ mail }: { mail: Mail }) {
  return (
    <div className="mt-3 border-t border-slate-100 pt-2 text-xs">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {mail.rawKept ? (
          <a href={`/api/inbound-mail/${mail.id}/raw`} download className="font-medium text-indigo-700 hover:underline">
            Download original
          </a>
        ) : (
          <span className="text-slate-500">
            Original not kept: {formatFileSize(mail.rawSize)} is over the size limit.
          </span>
        )}
      </div>
      {mail.fullText ? (
        <details className="group mt-1">
          <summary className="cursor-pointer font-medium text-indigo-700 select-none hover:underline">
            <span className="group-open:hidden">Show the whole mail</span>
            <span className="hidden group-open:inline">Hide the whole mail</span>
          </summary>
          <pre
            aria-label="The whole mail"
            className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-50 p-3 font-sans text-sm break-words whitespace-pre-wrap text-slate-700"
          >
            {mail.fullText}
          </pre>
        </details>
      ) : null}
    </div>
  );
}
