import { getPrisma } from "@helpline/db";
import { z } from "zod";

const ZSessionId = z.uuid();

/** The technician behind a console session, or null when it ended, expired, or they were disabled. */
export async function getSessionTechnician(options: { sessionId: unknown }) {
  const parsed = ZSessionId.safeParse(options.sessionId);
  if (!parsed.success) return null;
  const session = await getPrisma().session.findFirst({
    where: { id: parsed.data, expiresAt: { gt: new Date() }, technician: { disabled: false } },
    select: { technician: { select: { id: true, email: true, name: true, role: true } } },
  });
  return session?.technician ?? null;
}
