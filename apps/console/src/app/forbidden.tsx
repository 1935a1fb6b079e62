import Link from "next/link";
import { LockIcon } from "@/components/ui/icons";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center text-center">
      <div className="mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-amber-50 text-amber-600">
        <LockIcon />
      </div>
      <h1 className="text-xl font-semibold">Admins only</h1>
      <p className="mt-1 text-sm text-slate-500">
        This page needs an admin account. Ask an admin of your team if you need access.
      </p>
      <Link href="/" className="mt-4 text-sm font-medium text-indigo-600 hover:underline">
        Back to the Dashboard
      </Link>
    </main>
  );
}
