export { getPrisma, getDatabaseKind, closePrisma } from "./client.ts";
export { listenToChannel, type ChannelListener } from "./notifications.ts";
export { resolveDatabaseConfig, type DatabaseConfig } from "./database-config.ts";
export { isDatabaseUnavailable } from "./database-unavailable.ts";
export * from "./generated/prisma/client.ts";
