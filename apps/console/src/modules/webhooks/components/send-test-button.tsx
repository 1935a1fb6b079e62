"use client";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { sendTestWebhookEventAction } from "../actions";

/** Send test event: a `webhook.test` delivery to this endpoint, which then shows in the Delivery log. */
export function SendTestButton({ endpointId, disabled }: { endpointId: string; disabled: boolean }) {
  const toast = useToast();
  const mutation = useMutation({
    mutationFn: () => sendTestWebhookEventAction({ endpointId }),
    onSuccess: (result) =>
      result.ok
        ? toast("success", "Test event queued: watch it in the Delivery log.")
        : toast("error", result.error.message),
    onError: () => toast("error", "Could not send the test event. Try again."),
  });
  return (
    <Button
      type="button"
      variant="secondary"
      disabled={disabled || mutation.isPending}
      title={disabled ? "Enable the endpoint first." : undefined}
      onClick={() => mutation.mutate()}
    >
      {mutation.isPending ? "Sending…" : "Send test event"}
    </Button>
  );
}
