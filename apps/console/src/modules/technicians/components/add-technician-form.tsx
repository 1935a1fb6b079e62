"use client";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { addTechnicianAction } from "../actions";

export function AddTechnicianForm() {
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: addTechnicianAction,
    onSuccess: (result) => {
      if (!result.ok) {
        setFields(result.error.fields ?? {});
        toast("error", result.error.message);
        return;
      }
      setFields({});
      formRef.current?.reset();
      toast("success", `${result.data.name} can now sign in.`);
    },
    onError: () => toast("error", "Could not add the technician. Try again."),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.mutate(Object.fromEntries(new FormData(event.currentTarget)));
  }

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      aria-label="Add technician"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5"
      noValidate
    >
      <h2 className="text-base font-semibold">Add technician</h2>
      <TextField label="Name" name="name" autoComplete="off" error={fields.name} />
      <TextField label="Email" name="email" type="email" autoComplete="off" error={fields.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={fields.password}
        placeholder="At least 12 characters"
      />
      <SelectField label="Role" name="role" defaultValue="technician" error={fields.role}>
        <option value="technician">Technician</option>
        <option value="admin">Admin</option>
      </SelectField>
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Adding…" : "Add technician"}
      </Button>
    </form>
  );
}
