import { main } from "./cli.ts";

// The program: bin/helpline-agent.js runs it from source, build.ts bundles it into one file.
process.exitCode = await main(process.argv.slice(2));
