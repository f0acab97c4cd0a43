#!/usr/bin/env node
// Runs the compiled CLI (built by `npm install` through the "prepare" script); from a checkout without a
// build, runs the TypeScript source through tsx instead.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const compiled = new URL("../dist/src/cli/index.js", import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
    await import(compiled.href);
} else {
    const { register } = await import("tsx/esm/api");
    register();
    await import(new URL("../src/cli/index.ts", import.meta.url).href);
}
