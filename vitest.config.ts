import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Native model loads and LanceDB index builds are slow on 2 cores; keep per-test limits generous.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Files run in separate processes; two at a time matches the 2-core target machine.
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["test/globalSetup.ts"],
  },
});
