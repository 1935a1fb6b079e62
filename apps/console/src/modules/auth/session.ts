import "server-only";
import type { TechnicianActor } from "@helpline/core";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { auth, sessionTechnician } from "@/auth";

export type SignedInTechnician = TechnicianActor & { email: string; name: string };

/** The technician of this request, or null; one database read per request however often it is asked. */
export const currentTechnician = cache(async (): Promise<SignedInTechnician | null> => {
  const session = await auth();
  if (!session?.sessionId) return null;
  return sessionTechnician(session.sessionId);
});

/** For pages: every console page calls this itself, since layouts are not re-run on navigation. */
export async function requireTechnician(): Promise<SignedInTechnician> {
  const technician = await currentTechnician();
  if (!technician) redirect("/sign-in");
  return technician;
}

/** Admin-only pages answer 403 to other technicians (the role is checked here, on the server). */
export async function requireAdminPage(): Promise<SignedInTechnician> {
  const technician = await requireTechnician();
  if (technician.role !== "admin") forbidden();
  return technician;
}
