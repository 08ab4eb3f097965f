import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Tauri expects a fixed port in dev and serves ui/dist in builds.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true, host: "127.0.0.1" },
  build: { target: "safari16", sourcemap: false, chunkSizeWarningLimit: 1024 },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    // Whole-app tests render the shell and stream from a fake backend; on a loaded 2-core CI
    // machine one can take several seconds, which is slowness, not failure.
    testTimeout: 15_000,
  },
});
