/** Shown while a ticket page renders on the server (a link from the list or the Dashboard). */
export default function TicketLoading() {
  return (
    <div aria-busy="true" aria-label="Loading ticket" className="animate-pulse">
      <div className="mb-2 h-4 w-32 rounded bg-slate-200" />
      <div className="mb-6 h-8 w-96 rounded bg-slate-200" />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-4">
          {Array.from({ length: 3 }, (_, index) => (
            <div key={index} className="h-28 rounded-xl border border-slate-200 bg-white" />
          ))}
        </div>
        <div className="h-64 rounded-xl border border-slate-200 bg-white" />
      </div>
    </div>
  );
}
