import Link from "next/link";

/** "Showing 51–100 of 240" with Previous / Next links to `?page=N` of `path`; nothing when one page holds all. */
export function Pager({
  page,
  pageSize,
  total,
  path,
}: {
  page: number;
  pageSize: number;
  total: number;
  path: string;
}) {
  if (total <= pageSize) return null;
  const last = Math.min(total, page * pageSize);
  return (
    <div className="flex justify-between border-t border-slate-100 px-4 py-3 text-sm text-slate-500">
      <span>
        Showing {((page - 1) * pageSize + 1).toLocaleString("en")}–{last.toLocaleString("en")} of{" "}
        {total.toLocaleString("en")}
      </span>
      <span className="flex gap-3">
        {page > 1 ? (
          <Link href={`${path}?page=${page - 1}`} className="text-indigo-700 hover:underline">
            Previous
          </Link>
        ) : null}
        {last < total ? (
          <Link href={`${path}?page=${page + 1}`} className="text-indigo-700 hover:underline">
            Next
          </Link>
        ) : null}
      </span>
    </div>
  );
}
