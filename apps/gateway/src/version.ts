import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** The product version: the root package.json's, so the console, gateway and health agree. */
export const HELPLINE_VERSION: string = (require("../../../package.json") as { version: string }).version;
