"use client";
import type { TestMailResult } from "@helpline/core";
import { BusyBar } from "@/components/ui/busy-bar";
import { Button } from "@/components/ui/button";
import { useTestMail } from "../hooks/use-test-mail";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function Outcome({ result, route, replyTo }: { result: TestMailResult; route: string | null; replyTo: string }) {
  if (result.state === "waiting") {
    return (
      <div role="status" className="space-y-2">
        <p>
          Sent {route === "relay" ? "through the relay" : "to the inbound SMTP listener"}; waiting for it to come back…{" "}
          {result.elapsedMs > 0 ? seconds(result.elapsedMs) : null}
        </p>
        <BusyBar label="Waiting for the test mail" />
      </div>
    );
  }
  if (result.state === "timed_out") {
    return (
      <p role="alert" className="text-red-700">
        The test mail did not come back within 2 minutes. Check that mail to {replyTo} reaches the mailbox in IMAP_URL
        (or the inbound SMTP listener), and the status above.
      </p>
    );
  }
  if (result.outcome !== "test") {
    return (
      <p role="alert" className="text-amber-800">
        The test mail arrived after {seconds(result.delayMs)} but was taken for other mail ({result.outcome}
        {result.reason ? `: ${result.reason}` : ""}).
      </p>
    );
  }
  return (
    <p role="status" className="font-medium text-emerald-700">
      Received after {seconds(result.delayMs)} (by {result.via === "imap" ? "IMAP" : "inbound SMTP"}).
    </p>
  );
}

/** Settings ▸ Email ▸ Send a test mail to Helpline: the button, then the round trip's progress and result. */
export function TestMailPanel({ replyTo }: { replyTo: string }) {
  const { send, sending, sendError, route, result, pollError } = useTestMail();
  const busy = sending || result?.state === "waiting";
  return (
    <section aria-labelledby="test-mail-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
      <h2 id="test-mail-heading" className="text-base font-semibold">
        Test mail
      </h2>
      <p className="text-sm text-slate-500">
        Helpline mails {replyTo} and waits until that mail comes back in, to show the way replies take works and how
        long it takes.
      </p>
      <Button type="button" onClick={send} disabled={busy}>
        {busy ? "Sending…" : "Send a test mail to Helpline"}
      </Button>
      <div className="text-sm">
        {sendError ? (
          <p role="alert" className="text-red-700">
            {sendError}
          </p>
        ) : null}
        {pollError ? (
          <p role="alert" className="text-red-700">
            {pollError}
          </p>
        ) : null}
        {result && !pollError ? <Outcome result={result} route={route} replyTo={replyTo} /> : null}
      </div>
    </section>
  );
}
