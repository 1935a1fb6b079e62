import { getPrisma } from "@helpline/db";
import { hashSecret } from "../secrets.ts";

/** Portal sign-out: the session row goes, so the cookie is worthless even if it was copied. */
export async function endPortalSession(options: { sessionToken: string | undefined }): Promise<void> {
  if (!options.sessionToken) return;
  await getPrisma().portalSession.deleteMany({ where: { tokenHash: hashSecret(options.sessionToken) } });
}
