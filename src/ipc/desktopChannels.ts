/** The IPC channels between the preload and the main process; everything else travels over the engine's port. */
export const DESKTOP_CHANNELS = {
    /** preload → main: asks for a port to the engine for this page. */
    connect: "enclave:connect",
    /** main → preload: the port, transferred. */
    port: "enclave:port",
    pickFolders: "enclave:pick-folders",
    pickFile: "enclave:pick-file",
} as const;
