export { buildGateway, isGatewayPath } from "./build-gateway.ts";
export { HELPLINE_VERSION } from "./version.ts";
export { prepareDatabase } from "./prepare-database.ts";
