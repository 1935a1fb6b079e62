// A literal, so the one-file bundle (build.ts) needs no package.json beside it; a unit test keeps it
// equal to the package's version.
export const AGENT_VERSION = "1.0.0";
