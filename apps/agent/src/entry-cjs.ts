import { main } from "./cli.ts";

// The program as the main script of the Windows single executable (build-windows.ts): Node 22
// runs that script as CommonJS, which has no top-level await (entry.ts has one).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
