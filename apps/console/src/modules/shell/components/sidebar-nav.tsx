"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { CustomersIcon, DashboardIcon, DevicesIcon, SettingsIcon, TicketsIcon } from "@/components/ui/icons";
import { TECHNICIAN_SETTINGS_HREF } from "./settings-tabs";

// `technicianHref`: where the item leads a technician who is no admin (their part of Settings).
type NavItem = { href: string; label: string; icon: ReactNode; technicianHref?: string };

const ITEMS: NavItem[] = [
  { href: "/", label: "Dashboard", icon: <DashboardIcon /> },
  { href: "/customers", label: "Customers", icon: <CustomersIcon /> },
  { href: "/devices", label: "Devices", icon: <DevicesIcon /> },
  { href: "/tickets", label: "Tickets", icon: <TicketsIcon /> },
  {
    href: "/settings/technicians",
    label: "Settings",
    icon: <SettingsIcon />,
    technicianHref: TECHNICIAN_SETTINGS_HREF,
  },
];

function isCurrent(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  const section = href.split("/").slice(0, 2).join("/");
  return pathname === section || pathname.startsWith(`${section}/`);
}

export function SidebarNav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {ITEMS.map((item) => {
        const href = isAdmin ? item.href : (item.technicianHref ?? item.href);
        const current = isCurrent(pathname, href);
        return (
          <Link
            key={item.href}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ${
              current ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"
            }`}
          >
            {item.icon}
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
