import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

// The Prisma CLI's migrate commands need a native engine that cannot be downloaded here; the
// official WASM build of the same engine runs through our driver adapters instead. Node 20 cannot
// `import` a .wasm file, so the module is instantiated by hand, once per process.
//
// The glue module (and so its WASM instance) is shared by the whole process, while this file may
// be loaded more than once (test runners, bundlers): the state lives on globalThis. Two engines
// working at once in the one instance, or a second instance swapped in under a working engine,
// corrupt each other's memory, hence the lock.
const STATE_KEY = Symbol.for("helpline.schema-engine");
type EngineState = { instantiated: boolean; lock: Promise<unknown> };
const state: EngineState = ((globalThis as Record<symbol, EngineState | undefined>)[STATE_KEY] ??= {
  instantiated: false,
  lock: Promise.resolve(),
});

// Node 20's @types/node does not declare the WebAssembly global (lib.dom does, with the whole DOM).
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
};
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

function instantiateWasm(): void {
  if (state.instantiated) return;
  const require = createRequire(import.meta.url);
  const glueFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = fs.readFileSync(path.join(path.dirname(glueFile), "schema_engine_bg.wasm"));
  const instance = new Instance(new Module(bytes), { "./schema_engine_bg.js": glue });
  const exports = instance.exports as { __wbindgen_start: () => void };
  glue.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  state.instantiated = true;
}

/** Runs `work` with a schema engine connected through the given adapter, then frees it. */
export function withSchemaEngine<T>(
  options: { adapterFactory: SqlMigrationAwareDriverAdapterFactory; schemaPath: string },
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const run = async () => {
    instantiateWasm();
    const schema = fs.readFileSync(options.schemaPath, "utf8");
    const engine = await (glue.SchemaEngine as unknown as typeof SchemaEngine).new(
      { datamodels: [[options.schemaPath, schema]] },
      () => {},
      bindMigrationAwareSqlAdapterFactory(options.adapterFactory),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  };
  const result = state.lock.then(run, run);
  state.lock = result.catch(() => {});
  return result;
}
