import { getDatabaseKind, getPrisma } from "@helpline/db";
import type { THealthResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { HELPLINE_VERSION } from "../version.ts";

const DATABASE_TIMEOUT_MS = 2000;

async function databaseAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS)));
  try {
    return await Promise.race([getPrisma().$queryRaw`SELECT 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /api/health`: 200 when the database answers, 503 when it does not (load balancers read it). */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get("/api/health", async (_request, reply) => {
    const up = await databaseAnswers();
    const body: THealthResponse = {
      status: up ? "ok" : "unavailable",
      database: getDatabaseKind(),
      version: HELPLINE_VERSION,
    };
    return reply
      .code(up ? 200 : 503)
      .header("cache-control", "no-store")
      .send(body);
  });
}
