import type { ReactNode } from "react";
import { SignOutIcon } from "@/components/ui/icons";
import { TimeZoneProvider } from "@/components/ui/zoned-time";
import { consoleTimeZone } from "@/lib/console-time-zone";
import { signOutAction } from "@/modules/auth/actions";
import { requireTechnician } from "@/modules/auth/session";
import { SidebarNav } from "@/modules/shell/components/sidebar-nav";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const [technician, timeZone] = await Promise.all([requireTechnician(), consoleTimeZone()]);
  return (
    <div className="flex min-h-screen">
      {/* The panel stretches with the page, so its dark background runs to the bottom of long pages;
          its content stays in view while the page scrolls. */}
      <aside aria-label="Left panel" className="w-60 shrink-0 bg-slate-900">
        <div className="sticky top-0 flex h-screen flex-col overflow-y-auto px-3 py-5">
          <div className="mb-6 flex items-center gap-2 px-3">
            <div className="flex h-8 w-8 items-center justify-center rounded-lg bg-indigo-500 font-bold text-white">
              H
            </div>
            <span className="text-lg font-semibold text-white">Helpline</span>
          </div>
          <SidebarNav isAdmin={technician.role === "admin"} />
          <div className="mt-auto border-t border-slate-800 pt-4">
            <div className="px-3 pb-3">
              <p
                className="truncate text-sm font-medium text-white"
                data-testid="signed-in-technician"
                title={technician.name}
              >
                {technician.name}
              </p>
              <p className="truncate text-xs text-slate-400" title={technician.email}>
                {technician.email}
              </p>
            </div>
            <form action={signOutAction}>
              <button
                type="submit"
                className="flex w-full items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-slate-300 hover:bg-slate-800/60 hover:text-white"
              >
                <SignOutIcon />
                Sign out
              </button>
            </form>
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-8">
        <TimeZoneProvider timeZone={timeZone}>{children}</TimeZoneProvider>
      </main>
    </div>
  );
}
