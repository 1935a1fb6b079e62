import { redirect } from "next/navigation";
import { requireTechnician } from "@/modules/auth/session";
import { TECHNICIAN_SETTINGS_HREF } from "@/modules/shell/components/settings-tabs";

export default async function SettingsPage() {
  const technician = await requireTechnician();
  redirect(technician.role === "admin" ? "/settings/technicians" : TECHNICIAN_SETTINGS_HREF);
}
