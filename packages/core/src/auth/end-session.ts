import { getPrisma } from "@helpline/db";
import { z } from "zod";

export async function endSession(options: { sessionId: unknown }): Promise<void> {
  const parsed = z.uuid().safeParse(options.sessionId);
  if (!parsed.success) return;
  await getPrisma().session.deleteMany({ where: { id: parsed.data } });
}
