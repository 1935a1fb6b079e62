import type { TTicketPriority, TTicketStatus } from "@helpline/protocol";
import { PRIORITY_LABEL, PRIORITY_TONE, STATUS_LABEL, STATUS_TONE } from "../ticket-labels";

const LEVELS = Object.keys(PRIORITY_LABEL) as TTicketPriority[];

/** The status in the console's words, or `label` where the reader has another language (the portal). */
export function StatusBadge({ status, label }: { status: TTicketStatus; label?: string }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STATUS_TONE[status]}`}
    >
      {label ?? STATUS_LABEL[status]}
    </span>
  );
}

/** The priority's name beside a small level meter, so High and Critical stand out when scanning a list. */
export function PriorityText({ priority }: { priority: TTicketPriority }) {
  const level = LEVELS.indexOf(priority);
  return (
    <span className={`inline-flex items-center gap-1.5 text-sm whitespace-nowrap ${PRIORITY_TONE[priority]}`}>
      <span aria-hidden="true" className="flex items-end gap-0.5">
        {LEVELS.map((name, index) => (
          <span
            key={name}
            className={`w-1 rounded-sm ${index <= level ? "bg-current" : "bg-slate-200"}`}
            style={{ height: `${6 + index * 2}px` }}
          />
        ))}
      </span>
      {PRIORITY_LABEL[priority]}
    </span>
  );
}
