import { randomBytes } from "node:crypto";
import { getPrisma } from "@helpline/db";

const KEY = "auth_secret";

/**
 * The key that signs console session cookies. Every process serving the console must use the same
 * one, so it lives in the database; the first process to start creates it.
 */
export async function ensureAuthSecret(): Promise<string> {
  const prisma = getPrisma();
  await prisma.systemSetting.createMany({
    data: [{ key: KEY, value: randomBytes(32).toString("base64url") }],
    skipDuplicates: true,
  });
  const setting = await prisma.systemSetting.findUniqueOrThrow({ where: { key: KEY } });
  return setting.value;
}
