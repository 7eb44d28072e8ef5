import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The app is loaded from the Tauri bundle, never over a network: one larger
// vendor chunk (antd) costs nothing at start-up, so the warning limit is
// raised instead of splitting the bundle for its own sake.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    testTimeout: 20000,
  },
});
