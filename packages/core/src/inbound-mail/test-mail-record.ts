import { getPrisma } from "@helpline/db";

/**
 * A test mail Helpline sent itself (Settings ▸ Email ▸ Send a test mail), kept as a SystemSetting
 * row `email.testMail:<Message-ID>` whose value is `{ token, sentAt }`: the token the mail carries
 * in `X-Helpline-Test-Mail`, and the send time in milliseconds (a Date header has whole seconds
 * only, too coarse for "received after 1.4 s"). One row per mail, so two admins testing at once
 * each follow their own.
 */
export type TestMailRecord = { token: string; sentAt: Date };

const PREFIX = "email.testMail:";
// Records this old are dropped when the next test mail is sent: polling gives up after 2 minutes.
const KEEP_MS = 24 * 60 * 60_000;

export function testMailKey(messageId: string): string {
  return `${PREFIX}${messageId}`;
}

export async function saveTestMailRecord(messageId: string, record: TestMailRecord): Promise<void> {
  const prisma = getPrisma();
  await prisma.systemSetting.deleteMany({
    where: { key: { startsWith: PREFIX }, updatedAt: { lt: new Date(record.sentAt.getTime() - KEEP_MS) } },
  });
  await prisma.systemSetting.create({
    data: { key: testMailKey(messageId), value: JSON.stringify({ token: record.token, sentAt: record.sentAt }) },
  });
}

export async function deleteTestMailRecord(messageId: string): Promise<void> {
  await getPrisma().systemSetting.deleteMany({ where: { key: testMailKey(messageId) } });
}

/** The record of the test mail with this Message-ID (no `<>`), or null when Helpline sent none. */
export async function findTestMailRecord(messageId: string): Promise<TestMailRecord | null> {
  const row = await getPrisma().systemSetting.findUnique({ where: { key: testMailKey(messageId) } });
  if (!row) return null;
  const value = JSON.parse(row.value) as { token: string; sentAt: string };
  return { token: value.token, sentAt: new Date(value.sentAt) };
}
