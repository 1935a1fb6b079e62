export { buildGateway, isGatewayPath } from "./build-gateway.ts";
export { GATEWAY_HTTP_OPTIONS } from "./client-error.ts";
export { HELPLINE_VERSION } from "./version.ts";
