/** An indeterminate progress bar for work whose length is unknown (a bulk apply, a mail on its way). */
export function BusyBar({ label, className = "" }: { label: string; className?: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      className={`h-1.5 overflow-hidden rounded-full bg-slate-100 ${className}`}
    >
      <div className="h-full w-1/3 animate-pulse rounded-full bg-indigo-500" />
    </div>
  );
}
