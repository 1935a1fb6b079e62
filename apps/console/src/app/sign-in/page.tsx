import { safeRedirectPath } from "@helpline/core";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/modules/auth/components/sign-in-form";
import { currentTechnician } from "@/modules/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeRedirectPath((await searchParams).next, { fallback: "/" });
  if (await currentTechnician()) redirect(next);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex h-11 w-11 items-center justify-center rounded-xl bg-indigo-600 text-lg font-bold text-white">
            H
          </div>
          <h1 className="text-xl font-semibold text-slate-900">Sign in to Helpline</h1>
          <p className="mt-1 text-sm text-slate-500">Technician console</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm next={next} />
        </div>
      </div>
    </main>
  );
}
