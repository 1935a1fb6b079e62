"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/settings/general", label: "General", adminOnly: true },
  { href: "/settings/technicians", label: "Technicians", adminOnly: true },
  { href: "/settings/audit-log", label: "Audit log", adminOnly: true },
  { href: "/settings/api-keys", label: "API keys", adminOnly: true },
  { href: "/settings/outbox", label: "Outbox", adminOnly: true },
  { href: "/settings/portal", label: "Portal", adminOnly: true },
  { href: "/settings/webhooks", label: "Webhooks", adminOnly: true },
  { href: "/settings/email", label: "Email", adminOnly: false },
  { href: "/settings/business-hours", label: "Business hours", adminOnly: false },
  { href: "/settings/slas", label: "SLAs", adminOnly: false },
];

/** The settings pages a technician may open: the rest answer them 403. */
export const TECHNICIAN_SETTINGS_HREF = "/settings/email";

export function SettingsTabs({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-6 border-b border-slate-200 text-sm">
      {TABS.filter((tab) => isAdmin || !tab.adminOnly).map((tab) => {
        // A calendar's or a policy's own page is under its tab.
        const current = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 pb-2 font-medium ${current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
