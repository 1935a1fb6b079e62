"use client";
import { API_SCOPES, API_SCOPE_NAMES } from "@helpline/core/api-scopes";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { useTimeZone } from "@/components/ui/zoned-time";
import { useCreateApiKey, type CreatedApiKey } from "../hooks/use-create-api-key";

type Technician = { id: string; name: string; role: "admin" | "technician" };

function ScopeChoices({ error }: { error: string | undefined }) {
  const errorId = useId();
  return (
    <fieldset aria-describedby={error ? errorId : undefined} className="space-y-2">
      <legend className="mb-1 block text-sm font-medium text-slate-700">Scopes</legend>
      {API_SCOPE_NAMES.map((scope) => (
        <label key={scope} className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="scopes" value={scope} className="mt-1" />
          <span>
            <code className="font-mono text-xs font-semibold text-slate-800">{scope}</code>
            <span className="block text-slate-500">{API_SCOPES[scope]}</span>
          </span>
        </label>
      ))}
      {error ? (
        <p id={errorId} className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function ShowToken({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const tokenId = useId();
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">Copy this key now: it will not be shown again.</p>
      <div>
        <label htmlFor={tokenId} className="block text-sm font-medium text-slate-700">
          API key
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id={tokenId}
            readOnly
            value={created.token}
            className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton text={created.token} label="Copy API key" copiedMessage="API key copied." />
        </div>
      </div>
      <p className="text-sm text-slate-600">
        Programs send it as{" "}
        <code className="font-mono text-xs">Authorization: Bearer {created.token.slice(0, 11)}…</code>
      </p>
      <div className="flex justify-end">
        <Button type="button" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

/** Create API key: the form in a dialog, then, once, the new key's token to copy. */
export function CreateApiKeyButton({ technicians }: { technicians: Technician[] }) {
  const [open, setOpen] = useState(false);
  const timeZone = useTimeZone();
  const { submit, reset, fields, created, pending } = useCreateApiKey();
  const close = () => (setOpen(false), reset());
  return (
    <>
      <Button onClick={() => (reset(), setOpen(true))}>Create API key</Button>
      <Dialog open={open} onClose={close} title={created ? `API key ${created.name}` : "Create API key"}>
        {created ? (
          <ShowToken created={created} onDone={close} />
        ) : (
          <form onSubmit={submit} className="space-y-4" noValidate>
            <TextField label="Name" name="name" autoComplete="off" maxLength={80} error={fields.name} autoFocus />
            <SelectField label="Acts as" name="technicianId" defaultValue="" error={fields.technicianId}>
              <option value="" disabled>
                Choose a technician
              </option>
              {technicians.map((technician) => (
                <option key={technician.id} value={technician.id}>
                  {technician.name}
                  {technician.role === "admin" ? " (admin)" : ""}
                </option>
              ))}
            </SelectField>
            <ScopeChoices error={fields.scopes ?? fields["scopes.0"]} />
            <div>
              <TextField label="Expires" name="expiresOn" type="date" error={fields.expiresOn} />
              <p className="mt-1 text-xs text-slate-500">
                Optional: the key works until this day ends ({timeZone}). Empty: it works until revoked.
              </p>
            </div>
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create API key"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
