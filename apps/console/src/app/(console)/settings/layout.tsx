import type { ReactNode } from "react";
import { requireTechnician } from "@/modules/auth/session";

// Most settings are admins' alone, and each of those pages checks the role itself (requireAdminPage:
// layouts are not re-run on navigation); Settings ▸ Email is open to every technician to read.
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireTechnician();
  return children;
}
