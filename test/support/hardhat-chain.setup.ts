/**
 * Jest global setup for the API's integration tests: a real Hardhat EVM (`hardhat node` as a
 * child process: Hardhat 3 is ESM-only and cannot load inside jest) with MedLedger deployed
 * through the same deploy command as production (`scripts/deploy.ts`).
 * Exposes TEST_RPC_URL and TEST_DEPLOYMENTS_FILE to the test workers.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { freePort } from "./stack";

const root = path.resolve(__dirname, "..", "..");

export default async function setup(): Promise<void> {
  const port = await freePort();
  const hardhatPkg = path.join(root, "node_modules", "hardhat", "package.json");
  const cli = path.join(
    path.dirname(hardhatPkg),
    (JSON.parse(readFileSync(hardhatPkg, "utf8")) as { bin: { hardhat: string } }).bin.hardhat,
  );
  const child = spawn(process.execPath, [cli, "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes("Started HTTP")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`hardhat node exited with ${code}:\n${output}`)));
  });
  child.stdout.removeAllListeners("data").resume();
  child.stderr.removeAllListeners("data").resume();
  (globalThis as { __hardhatNode?: typeof child }).__hardhatNode = child;

  const rpcUrl = `http://127.0.0.1:${port}`;
  const deploymentsFile = path.join(mkdtempSync(path.join(tmpdir(), "medledger-deploy-")), "deployments.json");
  const deploy = spawnSync(process.execPath, [path.join(root, "scripts", "deploy.ts")], {
    cwd: root,
    env: { ...process.env, RPC_URL: rpcUrl, DEPLOYMENTS_FILE: deploymentsFile },
    encoding: "utf8",
  });
  if (deploy.status !== 0) throw new Error(`deploy failed:\n${deploy.stdout}\n${deploy.stderr}`);
  process.env.TEST_RPC_URL = rpcUrl;
  process.env.TEST_DEPLOYMENTS_FILE = deploymentsFile;
}
