#!/usr/bin/env node
// `npm start` (see src/main/launch/start.ts). Runs the compiled launcher; from a checkout without a build,
// the TypeScript source through tsx instead, as bin/enclave.js does.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const compiled = new URL("../dist/src/main/launch/start.js", import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
    await import(compiled.href);
} else {
    const { register } = await import("tsx/esm/api");
    register();
    await import(new URL("../src/main/launch/start.ts", import.meta.url).href);
}
