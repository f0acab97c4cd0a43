// Bundles the sandboxed preload (src/preload/index.ts) into one CommonJS file, dist/preload/index.cjs: a
// sandboxed preload cannot load modules of its own, only require("electron"). esbuild comes with vite.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

await build({
    entryPoints: [path.join(root, "src", "preload", "index.ts")],
    outfile: path.join(root, "dist", "preload", "index.cjs"),
    bundle: true,
    format: "cjs",
    platform: "browser",
    target: "chrome140",
    external: ["electron"],
    sourcemap: true,
    logLevel: "warning",
});
