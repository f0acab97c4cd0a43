/**
 * Packaging of the desktop app, in electron-builder's configuration format. electron-builder is not a
 * dependency (installers are made rarely, and on each target OS); to make an installer:
 *
 *   npm run build                                   # dist/ (with dist/preload/index.cjs) and renderer/dist/
 *   npx electron-builder@26 --config electron.config.ts --linux     # AppImage + deb (on Linux)
 *   npx electron-builder@26 --config electron.config.ts --mac       # dmg (on macOS)
 *   npx electron-builder@26 --config electron.config.ts --win       # NSIS installer (on Windows)
 *
 * electron-builder reads TypeScript configurations itself (with this package's typescript) and takes the
 * default export. It downloads the Electron build it packages, so this needs the network once per version.
 * The deb target also needs an "author" with an e-mail address in package.json (the package maintainer).
 */
export interface FileMapping {
    from: string;
    to: string;
}

export interface ElectronBuildConfig {
    appId: string;
    productName: string;
    directories: { output: string };
    /** What goes into the app archive (node_modules' production dependencies are added by electron-builder). */
    files: string[];
    /** Copied beside the archive, into the app's resources folder. */
    extraResources: FileMapping[];
    /** Native modules must stay outside the asar archive so their binaries can be loaded. */
    asarUnpack: string[];
    /** Whether native dependencies are rebuilt for Electron. */
    npmRebuild: boolean;
    linux: { target: string[]; category: string };
    mac: { target: string[]; category: string };
    win: { target: string[] };
    nsis: { oneClick: boolean; perMachine: boolean; allowToChangeInstallationDirectory: boolean };
}

const config: ElectronBuildConfig = {
    appId: "com.enclave.desktop",
    productName: "Enclave",
    directories: { output: "release" },
    files: ["dist/**", "renderer/dist/**", "package.json", "!**/*.map"],
    extraResources: [{ from: "models/README.md", to: "models/README.md" }],
    asarUnpack: [
        "node_modules/node-llama-cpp/**",
        "node_modules/@node-llama-cpp/**",
        "node_modules/@lancedb/**",
        "node_modules/onnxruntime-node/**",
        "node_modules/sharp/**",
        "node_modules/@img/**",
    ],
    // Every native dependency ships prebuilt Node-API binaries, which load in Electron as they are.
    npmRebuild: false,
    linux: { target: ["AppImage", "deb"], category: "Office" },
    mac: { target: ["dmg"], category: "public.app-category.productivity" },
    win: { target: ["nsis"] },
    // Installs for the current user without administrator rights, where the user chooses.
    nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};

export default config;
