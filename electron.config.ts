/**
 * Build and packaging configuration for the desktop app (electron-builder format). The desktop shell
 * (src/main, src/preload, renderer/) arrives with the desktop issue; this file already fixes the choices
 * that the engine depends on.
 */
export interface ElectronBuildConfig {
    appId: string;
    productName: string;
    directories: { output: string };
    files: string[];
    /** Native modules must stay outside the asar archive so their binaries can be loaded. */
    asarUnpack: string[];
    linux: { target: string[]; category: string };
    mac: { target: string[]; category: string };
    win: { target: string[] };
}

const config: ElectronBuildConfig = {
    appId: "com.enclave.desktop",
    productName: "Enclave",
    directories: { output: "release" },
    files: ["dist/**", "renderer/dist/**", "package.json"],
    asarUnpack: [
        "node_modules/node-llama-cpp/**",
        "node_modules/@node-llama-cpp/**",
        "node_modules/@lancedb/**",
        "node_modules/onnxruntime-node/**",
        "node_modules/sharp/**",
        "node_modules/@img/**",
    ],
    linux: { target: ["AppImage", "deb"], category: "Office" },
    mac: { target: ["dmg"], category: "public.app-category.productivity" },
    win: { target: ["nsis"] },
};

export default config;
