import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-1 text-sm text-slate-500">The page you asked for does not exist.</p>
      <Link href="/" className="mt-4 text-sm font-medium text-indigo-600 hover:underline">
        Back to the Dashboard
      </Link>
    </main>
  );
}
