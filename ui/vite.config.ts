import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Loaded from the Tauri bundle, so nothing crosses a network — but every byte
// of JavaScript the first screen imports is still parsed and run before it
// paints. The sign-in form therefore loads only the auth screens, React and the
// antd parts they use; the signed-in shell and each module of the navigation
// are separate chunks, fetched with React.lazy when first shown (see App.tsx
// and shell/lazyModules.ts). Keep them lazy: a static import of a module from
// the auth screens or App.tsx would pull it back into the start-up chunk.
// The warning limit flags a chunk that grows back towards the old single
// bundle; the largest (the shared antd/React vendor code) is under 800 kB.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    testTimeout: 20000,
  },
});
