import type { ReactNode } from "react";
import { requireAdminPage } from "@/modules/auth/session";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireAdminPage();
  return children;
}
