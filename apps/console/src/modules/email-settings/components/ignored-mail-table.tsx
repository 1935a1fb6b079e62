"use client";
import type { listIgnoredMail } from "@helpline/core";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { DateTime } from "@/components/ui/zoned-time";
import { useMakeTicket } from "../hooks/use-make-ticket";

type IgnoredMail = Awaited<ReturnType<typeof listIgnoredMail>>["mails"][number];

/** Settings ▸ Email ▸ Ignored mail: what opened no ticket in the last 30 days, each with Make a ticket. */
export function IgnoredMailTable({ mails }: { mails: IgnoredMail[] }) {
  const { make, pendingId } = useMakeTicket();
  if (mails.length === 0) {
    return (
      <p className="p-5 text-sm text-slate-500">
        No ignored mail. Mail from unknown senders lands here for 30 days while the policy is Ignore.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <Table columns={["Sender", "Subject", "Received", "Reason", { label: "Actions", hidden: true }]}>
        {mails.map((mail) => (
          <tr key={mail.id} className="hover:bg-slate-50">
            <td className="px-4 py-3">
              {mail.fromName ? <span className="block font-medium text-slate-800">{mail.fromName}</span> : null}
              <span className="text-slate-600">{mail.fromAddress}</span>
            </td>
            <td className="max-w-xs px-4 py-3 break-words">{mail.subject || "(no subject)"}</td>
            <td className="px-4 py-3 whitespace-nowrap text-slate-600">
              <DateTime at={mail.receivedAt} />
            </td>
            <td className="px-4 py-3 text-slate-600">{mail.reason ?? (mail.automatic ? "Automatic mail" : "")}</td>
            <td className="px-4 py-3 text-right">
              <Button
                type="button"
                variant="secondary"
                className="whitespace-nowrap"
                onClick={() => make(mail.id)}
                disabled={pendingId === mail.id}
                aria-label={`Make a ticket of the mail from ${mail.fromAddress}: ${mail.subject}`}
              >
                {pendingId === mail.id ? "Making…" : "Make a ticket"}
              </Button>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
