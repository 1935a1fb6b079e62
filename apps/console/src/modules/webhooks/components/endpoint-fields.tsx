import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@helpline/core/webhook-event-types";
import { TextField } from "@/components/ui/field";

const EVENT_TYPES = Object.entries(WEBHOOK_EVENT_TYPES) as [WebhookEventType, string][];

/**
 * URL, Description and Events of an endpoint, for Add endpoint and the endpoint page: each event a
 * checkbox labelled with its sentence and its name (receivers switch on the name).
 */
export function EndpointFields({
  defaults,
  fields,
  eventsError,
}: {
  defaults: { url: string; description: string; events: readonly string[] };
  fields: Record<string, string>;
  eventsError: string | undefined;
}) {
  return (
    <>
      <TextField
        label="Endpoint URL"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://example.com/helpline"
        defaultValue={defaults.url}
        error={fields.url}
      />
      <TextField
        label="Description"
        name="description"
        autoComplete="off"
        maxLength={200}
        placeholder="What receives it, e.g. PSA sync"
        defaultValue={defaults.description}
        error={fields.description}
      />
      <fieldset aria-describedby={eventsError ? "webhook-events-error" : undefined}>
        <legend className="mb-1 block text-sm font-medium text-slate-700">Events</legend>
        <div className="max-h-64 space-y-1.5 overflow-y-auto rounded-md border border-slate-200 p-3">
          {EVENT_TYPES.map(([type, sentence]) => (
            <label key={type} className="flex items-start gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="events"
                value={type}
                defaultChecked={defaults.events.includes(type)}
                className="mt-0.5 rounded border-slate-300"
              />
              <span>
                {sentence} <code className="text-xs text-slate-500">{type}</code>
              </span>
            </label>
          ))}
        </div>
        {eventsError ? (
          <p id="webhook-events-error" className="mt-1 text-xs text-red-600">
            {eventsError}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
