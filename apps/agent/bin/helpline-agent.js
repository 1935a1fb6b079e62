#!/usr/bin/env node
// From the repository, the agent runs from its TypeScript source (tsx compiles on load), so it is
// never stale; workstations get the one-file bundle that `npm run build` writes (see build.ts).
import { register } from "tsx/esm/api";

register();
await import("../src/entry.ts");
