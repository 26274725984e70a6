/**
 * `npm start` time to ready: the whole embedded stack (anvil, contracts, PGlite with its
 * migrations, API, portal, demo data) started by scripts/start.ts on a fresh data folder, then
 * started again on the same folder (what a developer's second `npm start` costs), each until it
 * prints "[start] ready". The build that `npm start` runs first (`prestart`) is not included:
 * the benchmark builds the API itself, and the contracts and portal are built by `npm test`.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { root } from "./contracts.ts";
import { freePort } from "./bench-load.ts";

async function startOnce(dataDir: string, log: (message: string) => void, label: string): Promise<number> {
  const env = {
    ...process.env,
    NODE_OPTIONS: "",
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    CHAIN_PORT: String(await freePort()),
    PORTAL_PORT: String(await freePort()),
    DATABASE_URL: "",
    RPC_URL: "",
  };
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, "scripts", "start.ts")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const ms = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/\[start\] ready/.test(output)) resolve(performance.now() - started);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`npm start (${label}) exited with ${code}:\n${output.slice(-3000)}`)));
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.kill("SIGINT");
  await exited;
  log(`start: ${label} ready in ${(ms / 1000).toFixed(1)} s`);
  return Math.round(ms);
}

export async function benchStart(log: (message: string) => void): Promise<Record<string, unknown>> {
  if (!existsSync(path.join(root, "research-portal", "dist")) || !existsSync(path.join(root, "artifacts"))) {
    log("start: skipped (build the contracts and the portal first: npm run build)");
    return { skipped: "contracts or portal not built" };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "medledger-bench-start-"));
  try {
    const firstMs = await startOnce(dataDir, log, "first start (deploy, migrations, demo data)");
    const againMs = await startOnce(dataDir, log, "second start (same data folder)");
    return { firstStartMs: firstMs, secondStartMs: againMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
