"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toaster";
import { makeTicketFromIgnoredMailAction } from "../actions";

/**
 * Ignored mail ▸ Make a ticket: `make(inboundMailId)` turns the mail into a ticket, toasts a link
 * to it and refreshes the list (the mail leaves it). A mail another technician has just made a
 * ticket of answers 409, shown as the server's sentence; `pendingId` is the row being made.
 */
export function useMakeTicket() {
  const toast = useToast();
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: (inboundMailId: string) => makeTicketFromIgnoredMailAction({ inboundMailId }),
    onSuccess: (result) => {
      router.refresh();
      if (!result.ok) return toast("error", result.error.message);
      toast("success", `Ticket #${result.data.number} made from the mail.`, {
        href: `/tickets/${result.data.number}`,
        label: `Open ticket #${result.data.number}`,
      });
    },
    onError: () => toast("error", "Could not make the ticket. Try again."),
  });
  return {
    make: (inboundMailId: string) => mutation.mutate(inboundMailId),
    pendingId: mutation.isPending ? mutation.variables : null,
  };
}
