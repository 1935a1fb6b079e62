const LABEL = { pending: "Pending", delivered: "Delivered", failed: "Failed" } as const;
const TONE = {
  pending: "bg-indigo-50 text-indigo-700",
  delivered: "bg-emerald-50 text-emerald-700",
  failed: "bg-red-50 text-red-700",
} as const;

/** A delivery's state as a badge: Pending (waiting or being sent), Delivered, Failed (no more tries). */
export function DeliveryState({ status }: { status: keyof typeof LABEL }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONE[status]}`}>{LABEL[status]}</span>;
}
