import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Root of this package (the folder holding package.json), from both `src/` and compiled `dist/src/`. */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
    // src/core/config → 3 levels; dist/src/core/config → 4 levels.
    const parts = start.split(path.sep);
    const distIndex = parts.lastIndexOf("dist");
    const srcIndex = parts.lastIndexOf("src");
    const cut = distIndex >= 0 && distIndex === srcIndex - 1 ? distIndex : srcIndex;
    return parts.slice(0, cut).join(path.sep) || path.sep;
}

export interface PathOverrides {
    /** `--data DIR`; wins over ENCLAVE_DATA_DIR. */
    dataDir?: string;
    env?: NodeJS.ProcessEnv;
}

/**
 * The OS application-data folder, the same one Electron's `app.getPath("userData")` resolves to for
 * "Enclave", so the CLI and the desktop app share collections and models.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
    const home = os.homedir();
    switch (process.platform) {
        case "win32":
            return path.join(env.APPDATA ?? path.join(home, "AppData", "Roaming"), "Enclave");
        case "darwin":
            return path.join(home, "Library", "Application Support", "Enclave");
        default:
            return path.join(env.XDG_CONFIG_HOME ?? path.join(home, ".config"), "Enclave");
    }
}

export function resolveDataDir(overrides: PathOverrides = {}): string {
    const env = overrides.env ?? process.env;
    const chosen = overrides.dataDir ?? env.ENCLAVE_DATA_DIR ?? defaultDataDir(env);
    return path.resolve(chosen);
}

/** Where models are looked for, in order: ENCLAVE_MODELS_DIR, `<repo>/models`, `<data>/models`. */
export function modelSearchPath(dataDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
    const dirs = [env.ENCLAVE_MODELS_DIR, path.join(PACKAGE_ROOT, "models"), path.join(dataDir, "models")];
    return [...new Set(dirs.filter((dir): dir is string => Boolean(dir)).map((dir) => path.resolve(dir)))];
}

export function collectionsDir(dataDir: string): string {
    return path.join(dataDir, "collections");
}
