"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { getTestMailResultAction, sendTestMailAction } from "../actions";

// Often enough that "received after 1.4 s" is shown within a moment of it being true.
const POLL_MS = 500;

/**
 * The state behind Send a test mail to Helpline: `send` mails the reply-to address, then the hook
 * asks the server every half second where that mail has got to until it is received or the server
 * says it timed out (2 minutes), then refreshes the page's statuses. `sendError` is a refusal of the send (no route, relay down);
 * `result` the latest answer about the mail; `pollError` a failure to ask.
 */
export function useTestMail() {
  const [messageId, setMessageId] = useState<string | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: () => sendTestMailAction({}),
    onMutate: () => {
      setMessageId(null);
      setSendError(null);
    },
    onSuccess: (answer) => {
      if (!answer.ok) return setSendError(answer.error.message);
      setMessageId(answer.data.messageId);
    },
    onError: () => setSendError("Could not reach Helpline to send the test mail. Try again."),
  });
  const result = useQuery({
    queryKey: ["test-mail", messageId],
    enabled: messageId !== null,
    queryFn: async () => {
      const answer = await getTestMailResultAction({ messageId });
      if (!answer.ok) throw new Error(answer.error.message);
      // The channel's "last message" on the page has moved with this mail.
      if (answer.data.state === "received") router.refresh();
      return answer.data;
    },
    refetchInterval: (query) =>
      query.state.status === "error" || (query.state.data && query.state.data.state !== "waiting") ? false : POLL_MS,
    retry: false,
  });
  return {
    send: () => mutation.mutate(),
    sending: mutation.isPending,
    sendError,
    route: mutation.data?.ok ? mutation.data.data.route : null,
    result: messageId ? (result.data ?? { state: "waiting" as const, elapsedMs: 0 }) : null,
    pollError: result.error ? result.error.message : null,
  };
}
