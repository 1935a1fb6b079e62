"use client";
import { useState } from "react";
import { useToast } from "@/components/ui/toaster";
import { portalFetch } from "./portal-fetch";

export function PreferencesForm({ emailOnReplies }: { emailOnReplies: boolean }) {
  const toast = useToast();
  const [checked, setChecked] = useState(emailOnReplies);
  const [pending, setPending] = useState(false);

  async function change(next: boolean) {
    setChecked(next);
    setPending(true);
    const result = await portalFetch("/portal/api/preferences", { emailOnReplies: next });
    setPending(false);
    if (!result.ok) {
      setChecked(!next);
      return toast("error", result.message);
    }
    toast(
      "success",
      next ? "You will get an email when a technician replies." : "No more emails on replies: they still show here.",
    );
  }

  return (
    <label className="flex items-start gap-3 rounded-xl border border-slate-200 bg-white p-4">
      <input
        type="checkbox"
        className="mt-0.5 h-4 w-4"
        checked={checked}
        disabled={pending}
        onChange={(event) => change(event.target.checked)}
      />
      <span>
        <span className="block text-sm font-medium text-slate-900">Email me when a technician replies</span>
        <span className="block text-sm text-slate-500">Replies always show in the Customer Portal.</span>
      </span>
    </label>
  );
}
