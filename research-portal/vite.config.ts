import { defineConfig } from "vite";

// The portal is static files; the GraphQL endpoint comes from /config.json at run time
// (written by `npm start`, or by whoever serves dist/ in production).
export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  // The committed circuit artifacts (wasm, zkey) ship beside the portal for proving in the browser.
  publicDir: "../circuits/artifacts",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      // react-router marks its modules "use client" for React Server Components; this is a plain SPA.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
  logLevel: "warn",
});
