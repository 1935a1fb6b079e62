import { fileURLToPath } from "node:url";

// prisma/ sits at the repository root, four levels above this file.
const PRISMA_DIR = fileURLToPath(new URL("../../../../prisma/", import.meta.url));
export const SCHEMA_PATH = `${PRISMA_DIR}schema.prisma`;
export const MIGRATIONS_DIR = `${PRISMA_DIR}migrations`;
