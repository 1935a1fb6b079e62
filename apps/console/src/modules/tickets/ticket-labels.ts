import type { TTicketPriority, TTicketStatus } from "@helpline/protocol";

export const STATUS_LABEL: Record<TTicketStatus, string> = {
  open: "Open",
  pending: "Pending",
  resolved: "Resolved",
  closed: "Closed",
};
export const PRIORITY_LABEL: Record<TTicketPriority, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

export const STATUS_TONE: Record<TTicketStatus, string> = {
  open: "bg-sky-50 text-sky-700 ring-sky-200",
  pending: "bg-amber-50 text-amber-800 ring-amber-200",
  resolved: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  closed: "bg-slate-100 text-slate-600 ring-slate-200",
};
// The same hues as bars, for the Dashboard's charts.
export const STATUS_BAR: Record<TTicketStatus, string> = {
  open: "bg-sky-500",
  pending: "bg-amber-400",
  resolved: "bg-emerald-500",
  closed: "bg-slate-400",
};

export const PRIORITY_TONE: Record<TTicketPriority, string> = {
  low: "text-slate-500",
  medium: "text-slate-700",
  high: "text-orange-700",
  critical: "text-red-700 font-semibold",
};
