import type { ReactNode } from "react";

/** The console's tables share one look: a bordered card, an uppercase header, quiet row dividers. */
export function Table({
  columns,
  children,
  className = "",
}: {
  columns: (string | { label: string; hidden: true })[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <table className={`w-full text-left text-sm ${className}`}>
      <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          {columns.map((column) =>
            typeof column === "string" ? (
              <th key={column} scope="col" className="px-4 py-3 font-medium">
                {column}
              </th>
            ) : (
              <th key={column.label} scope="col" className="px-4 py-3">
                <span className="sr-only">{column.label}</span>
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}
