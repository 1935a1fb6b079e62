"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { createCustomerAction } from "../actions";

export function NewCustomerButton() {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const router = useRouter();
  const toast = useToast();
  const mutation = useMutation({
    mutationFn: createCustomerAction,
    onSuccess: (result) => {
      if (!result.ok) return setError(result.error.fields?.name ?? result.error.message);
      setOpen(false);
      toast("success", `${result.data.name} is ready: enroll its devices with its install key.`);
      router.push(`/customers/${result.data.id}`);
    },
    onError: () => toast("error", "Could not create the customer. Try again."),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.mutate({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
  }
  return (
    <>
      <Button onClick={() => (setError(undefined), setOpen(true))}>New customer</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New customer">
        <form onSubmit={submit} className="space-y-4" noValidate>
          <TextField label="Name" name="name" autoComplete="organization" error={error} autoFocus />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? "Creating…" : "Create"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
