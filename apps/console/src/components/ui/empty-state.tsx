import type { ReactNode } from "react";

export function EmptyState({ title, children, icon }: { title: string; children: ReactNode; icon: ReactNode }) {
  return (
    <div className="flex flex-col items-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
      <div className="mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
        {icon}
      </div>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <div className="mt-1 max-w-md text-sm text-slate-500">{children}</div>
    </div>
  );
}
