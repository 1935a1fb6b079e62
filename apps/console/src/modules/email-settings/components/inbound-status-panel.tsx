import type { InboundChannelReport, InboundMailStatus } from "@helpline/core";
import type { ReactNode } from "react";
import { DateTime } from "@/components/ui/zoned-time";

const STATE_LABEL: Record<InboundChannelReport["state"], string> = {
  off: "Off",
  starting: "Starting",
  connecting: "Connecting",
  connected: "Connected",
  listening: "Listening",
  error: "Error",
};

const STATE_TONE: Record<InboundChannelReport["state"], string> = {
  off: "bg-slate-100 text-slate-600",
  starting: "bg-amber-50 text-amber-800",
  connecting: "bg-amber-50 text-amber-800",
  connected: "bg-emerald-50 text-emerald-800",
  listening: "bg-emerald-50 text-emerald-800",
  error: "bg-red-50 text-red-800",
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-3 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-800">{children}</dd>
    </div>
  );
}

function Channel({
  title,
  report,
  off,
  children,
}: {
  title: string;
  report: InboundChannelReport;
  off: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-label={title} className="rounded-xl border border-slate-200 bg-white p-5 text-sm">
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-base font-semibold">{title}</h2>
        <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${STATE_TONE[report.state]}`}>
          {STATE_LABEL[report.state]}
        </span>
      </div>
      {report.state === "off" ? (
        <p className="mt-2 text-slate-500">{off}</p>
      ) : (
        <dl className="mt-2">
          {children}
          {report.lastError ? (
            <Row label="Last error">
              <span className="text-red-700">{report.lastError}</span>
              {report.lastErrorAt ? <DateTime at={report.lastErrorAt} className="block text-slate-500" /> : null}
            </Row>
          ) : null}
          <Row label="Last message">{report.lastMessageAt ? <DateTime at={report.lastMessageAt} /> : "None yet"}</Row>
        </dl>
      )}
    </section>
  );
}

/** Settings ▸ Email's read-only half: the reply-to address and how each way of receiving mail is doing. */
export function InboundStatusPanel({ status }: { status: InboundMailStatus }) {
  const { imap, smtp } = status;
  return (
    <div className="space-y-4">
      <section aria-label="Reply-to address" className="rounded-xl border border-slate-200 bg-white p-5 text-sm">
        <h2 className="text-base font-semibold">Reply-to address</h2>
        <p className="mt-2 font-mono text-slate-800">{status.replyTo}</p>
        <p className="mt-1 text-slate-500">
          Replies to Helpline&apos;s mail go here. Set HELPLINE_MAIL_REPLY_TO to an address Helpline receives (by IMAP
          or the inbound SMTP listener); it defaults to the From address.
        </p>
      </section>
      <div className="grid gap-4 2xl:grid-cols-2">
        <Channel title="IMAP" report={imap} off="Set IMAP_URL to the mailbox Helpline reads.">
          <Row label="Mailbox">{imap.mailbox}</Row>
          {imap.state === "starting" ? <Row label="State">No process has reported on this mailbox yet.</Row> : null}
        </Channel>
        <Channel
          title="Inbound SMTP"
          report={smtp}
          off="Set INBOUND_SMTP_PORT to receive mail from an MX or a forwarding rule."
        >
          <Row label={smtp.state === "listening" ? "Listening on" : "Listens on"}>
            {smtp.host}:{smtp.port}
          </Row>
          <Row label="Takes mail for">{smtp.recipients.join(", ")}</Row>
          {smtp.state === "starting" ? <Row label="State">The listener has not reported yet.</Row> : null}
        </Channel>
      </div>
    </div>
  );
}
