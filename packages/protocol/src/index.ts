export { ZErrorBody, errorBody, type TErrorBody } from "./error-body.ts";
export { displayFileName, fileNameParts } from "./file-name.ts";
export { ZHealthResponse, type THealthResponse } from "./health.ts";
export * from "./agent-v1.ts";
