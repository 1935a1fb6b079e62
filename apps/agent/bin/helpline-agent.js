#!/usr/bin/env node
// The agent runs from its TypeScript source (no build step to go stale): tsx compiles on load.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
