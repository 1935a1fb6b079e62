import { inject } from "vitest";

// Runs in each worker before its test files: point getPrisma() at this run's scratch database.
Object.assign(process.env, inject("databaseEnv"));
