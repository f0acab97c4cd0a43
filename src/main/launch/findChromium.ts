import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Executable names of Chromium-based browsers, as found on PATH. */
const PATH_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge", "microsoft-edge"];

/** Where the usual installers put them, beyond PATH. */
function installedPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
    if (platform === "darwin") {
        const bundles = ["Google Chrome.app/Contents/MacOS/Google Chrome", "Chromium.app/Contents/MacOS/Chromium", "Microsoft Edge.app/Contents/MacOS/Microsoft Edge"];
        return ["/Applications", path.join(os.homedir(), "Applications")].flatMap((dir) => bundles.map((bundle) => path.join(dir, bundle)));
    }
    if (platform === "win32") {
        const executables = ["Google\\Chrome\\Application\\chrome.exe", "Microsoft\\Edge\\Application\\msedge.exe", "Chromium\\Application\\chrome.exe"];
        const bases = [env.LOCALAPPDATA, env.PROGRAMFILES, env["PROGRAMFILES(X86)"]].filter((base): base is string => Boolean(base));
        return bases.flatMap((base) => executables.map((executable) => path.win32.join(base, executable)));
    }
    return [];
}

/** The first installed Chromium, Chrome or Edge: on PATH first, then in the usual install folders; null if none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
    const suffix = platform === "win32" ? ".exe" : "";
    const onPath = (env.PATH ?? "")
        .split(path.delimiter)
        .filter(Boolean)
        .flatMap((dir) => PATH_NAMES.map((name) => path.join(dir, name + suffix)));
    return [...onPath, ...installedPaths(platform, env)].find(isExecutableFile) ?? null;
}

function isExecutableFile(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}
