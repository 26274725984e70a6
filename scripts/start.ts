/**
 * `npm start`: the whole system on embedded defaults, or on the PostgreSQL / chain you configure.
 *
 *   no configuration  anvil chain (state in DATA_DIR/chain-state.json), contracts deployed once,
 *                     demo roles granted, PGlite database in DATA_DIR/pglite, API on :4000,
 *                     research portal on :3000 (PORTAL_PORT)
 *   DATABASE_URL      use that PostgreSQL instead of PGlite
 *   RPC_URL           use that chain; DEPLOYMENTS_FILE (default DATA_DIR/deployments.json) must
 *                     exist, or DEPLOYER_PRIVATE_KEY must be set to deploy now
 *
 * Ctrl-C stops the portal, the API and the chain within 10 s (a second Ctrl-C kills them at
 * once); the next start reuses the data. A lock file (DATA_DIR/medledger.pid) stops a second
 * start on the same data folder while this one runs. If the embedded chain dies, it is
 * restarted from its saved state while the API keeps serving (chain writes wait in its outbox).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";

import {
  connectRpc,
  demoWallet,
  deployAndWrite,
  deployerFromKey,
  isLive,
  readDeployment,
  root,
  seedDemoRoles,
  staleContracts,
} from "./lib/contracts.ts";
import { seedDemoData } from "./lib/demo-data.ts";
import { freePort } from "./lib/free-port.ts";
import { startLocalChain, type LocalChain } from "./lib/local-chain.ts";
import { startPortal, type PortalServer } from "./lib/portal-server.ts";
import { exitOnError, logger, UserFacingError } from "./lib/log.ts";

const log = logger("start");
/** A path for messages: relative inside the repository, absolute outside it. */
const shown = (file: string): string => (path.relative(root, file).startsWith("..") ? file : path.relative(root, file));
const dataDir = path.resolve(root, process.env.DATA_DIR ?? ".data");
const deploymentsFile = path.resolve(root, process.env.DEPLOYMENTS_FILE ?? path.join(dataDir, "deployments.json"));

let chain: LocalChain | undefined;
let api: ChildProcess | undefined;
let portal: PortalServer | undefined;
let stopping = false;
const lockFile = path.join(dataDir, "medledger.pid");

/** Resolves when `work` finishes or after `ms`, whichever comes first. */
const within = (ms: number, work: Promise<unknown>): Promise<unknown> =>
  Promise.race([work.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms).unref())]);

function exitedWithin(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stops a child with `signal`; kills it if it has not exited after `graceMs`. */
async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  if (!(await exitedWithin(child, graceMs))) {
    console.error(`✖ ${child.spawnfile} did not stop within ${graceMs / 1000} s: killed`);
    child.kill("SIGKILL");
    await exitedWithin(child, 2000);
  }
}

/** A second Ctrl-C while stopping: kill everything now, leave nothing running. */
function killAll(): never {
  for (const child of [api, chain?.process]) if (child && child.exitCode === null) child.kill("SIGKILL");
  releaseLock();
  process.exit(130);
}

/** Stops everything once; a later call (a child exiting because of the stop) waits for the first. */
let stopped: Promise<never> | undefined;
function stop(code: number): Promise<never> {
  stopped ??= stopAll(code);
  return stopped;
}

async function stopAll(code: number): Promise<never> {
  stopping = true;
  // The whole stop takes at most ~10 s: portal 1 s, API 6 s (requests in flight finish), chain 3 s.
  await within(1000, portal?.close() ?? Promise.resolve());
  if (api && api.exitCode === null) {
    log("stopping the API");
    await stopChild(api, "SIGTERM", 6000);
  }
  if (chain) {
    log("stopping the chain (saving its state)");
    await stopChild(chain.process, "SIGINT", 3000);
  }
  releaseLock();
  process.exit(code);
}

/** The lock file: this process, and the children it started (so a later start can clean up after a SIGKILL). */
interface Lock {
  pid: number;
  children: number[];
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The command line of a live process (Linux /proc), to make sure a pid from an old lock is still ours. */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

function readLock(): Lock | null {
  try {
    const lock = JSON.parse(readFileSync(lockFile, "utf8")) as Lock;
    return Number.isInteger(lock.pid) && Array.isArray(lock.children) ? lock : null;
  } catch {
    return null;
  }
}

function writeLock(): void {
  const children = [api?.pid, chain?.process.pid].filter((pid): pid is number => pid !== undefined);
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, children } satisfies Lock));
}

/**
 * Refuses to start beside a live MedLedger on the same data folder. A stale lock (its process
 * was killed) is taken over, and the chain or API that process had started, if they still run
 * (anvil cannot notice its parent's death), are stopped first.
 */
async function takeLock(): Promise<void> {
  const lock = existsSync(lockFile) ? readLock() : null;
  if (lock && lock.pid !== process.pid && isAlive(lock.pid)) {
    throw new UserFacingError(
      `Another MedLedger (pid ${lock.pid}) is running on the data folder ${shown(dataDir)}: stop it first, or set DATA_DIR to another folder.`,
    );
  }
  for (const pid of lock?.children ?? []) {
    const command = isAlive(pid) ? commandOf(pid) : "";
    if (/anvil|api\/dist\/main\.js/.test(command)) {
      log(`stopping a leftover process of the previous run (pid ${pid})`);
      process.kill(pid, "SIGINT"); // anvil saves its state on SIGINT
      for (let waited = 0; waited < 3000 && isAlive(pid); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      if (isAlive(pid)) process.kill(pid, "SIGKILL");
    }
  }
  writeLock();
}

function releaseLock(): void {
  try {
    if (readLock()?.pid === process.pid) rmSync(lockFile);
  } catch {
    // nothing to release
  }
}

const chainRestarts: number[] = [];

/** Starts anvil; if it dies while the stack runs, starts it again from its saved state (at most 5 times a minute). */
async function runChain(port: number, stateFile: string): Promise<LocalChain> {
  const started = await startLocalChain({ port, stateFile });
  started.process.on("exit", (code, signal) => {
    if (stopping) return;
    const now = Date.now();
    chainRestarts.push(now);
    while (chainRestarts[0] < now - 60_000) chainRestarts.shift();
    if (chainRestarts.length > 5) {
      console.error("✖ The embedded chain keeps stopping (more than 5 times in a minute): stopping MedLedger.");
      void stop(1);
      return;
    }
    console.error(
      `✖ The embedded chain stopped unexpectedly (${signal ?? `code ${code}`}); restarting it from its saved state. The API keeps serving; chain writes wait.`,
    );
    runChain(port, stateFile).then(
      (again) => {
        chain = again;
        writeLock();
        log(`chain: anvil restarted at ${again.url}`);
      },
      (error: unknown) => {
        console.error(`✖ The embedded chain could not be restarted: ${error instanceof Error ? error.message : error}`);
        void stop(1);
      },
    );
  });
  return started;
}

async function embeddedChain(): Promise<string> {
  const port = Number(process.env.CHAIN_PORT ?? 8545);
  const stateFile = path.join(dataDir, "chain-state.json");
  const reused = existsSync(stateFile);
  chain = await runChain(port, stateFile);
  writeLock();
  log(`chain: anvil at ${chain.url} (${reused ? "state reused from" : "state kept in"} ${shown(stateFile)})`);

  const provider = await connectRpc(chain.url);
  const existing = await readDeployment(deploymentsFile);
  if (existing && (await isLive(existing, provider))) {
    const stale = await staleContracts(existing);
    if (stale.length) {
      // Its database refers to those contracts (studies, consents, anchors): redeploying under it would split the two.
      throw new UserFacingError(
        `The data folder ${shown(dataDir)} holds contracts of an older MedLedger (${stale.join(", ")} changed): move it away or delete it, then start again.`,
      );
    }
    log(`contracts: reusing the deployment in ${shown(deploymentsFile)}`);
  } else {
    if (existing) log("contracts: the recorded deployment is not on this chain or lacks contracts of this version; deploying afresh");
    const admin = demoWallet(0, provider);
    const deployment = await deployAndWrite(admin, deploymentsFile, logger("deploy"));
    await seedDemoRoles(deployment, admin, logger("demo"));
  }
  provider.destroy();
  return chain.url;
}

async function externalChain(rpcUrl: string): Promise<string> {
  const provider = await connectRpc(rpcUrl);
  const existing = await readDeployment(deploymentsFile);
  if (!existing) {
    const key = process.env.DEPLOYER_PRIVATE_KEY;
    if (!key) {
      throw new UserFacingError(
        `No deployments file at ${deploymentsFile} for RPC_URL=${rpcUrl}: deploy with "DEPLOYER_PRIVATE_KEY=0x... npm run deploy", or set DEPLOYMENTS_FILE to an existing one.`,
      );
    }
    await deployAndWrite(deployerFromKey(key, provider), deploymentsFile, logger("deploy"));
  } else {
    const stale = await staleContracts(existing);
    if (stale.length) {
      throw new UserFacingError(
        `The deployment in ${deploymentsFile} was made by an older MedLedger (${stale.join(", ")} changed): deploy this version with npm run deploy.`,
      );
    }
  }
  provider.destroy();
  log(`chain: ${rpcUrl}`);
  return rpcUrl;
}

async function main(): Promise<void> {
  // Ctrl-C stops in order; a second Ctrl-C while stopping kills everything at once.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => (stopping ? killAll() : void stop(0)));
  await mkdir(dataDir, { recursive: true });
  await takeLock();
  log(`data folder ${shown(dataDir)}`);
  const rpcUrl = process.env.RPC_URL ? await externalChain(process.env.RPC_URL) : await embeddedChain();

  // The portal's port is chosen now (PORTAL_PORT 0: any free one) so the API can link to it.
  const portalPort = process.env.PORTAL_PORT === "0" ? await freePort() : Number(process.env.PORTAL_PORT ?? 3000);
  const apiMain = path.join(root, "api", "dist", "main.js");
  if (!existsSync(apiMain)) throw new UserFacingError("The API is not built: run npm run build (npm start does it for you).");
  api = spawn(process.execPath, [apiMain], {
    // The IPC channel lets the API notice if this process dies (even by SIGKILL) and stop too: no orphan.
    stdio: ["ignore", "pipe", "inherit", "ipc"],
    env: {
      // On the embedded chain gas is free: anchor within 30 s so the demo shows verified entries
      // soon (elsewhere the default waits for 256 entries or 30 minutes: README, Configuration).
      ...(process.env.RPC_URL ? {} : { ANCHOR_MAX_WAIT_SECONDS: "30" }),
      ...process.env,
      RPC_URL: rpcUrl,
      DEPLOYMENTS_FILE: deploymentsFile,
      DATA_DIR: dataDir,
      // The API's page at GET /graphql links to the portal's GraphiQL explorer.
      PORTAL_URL: process.env.PORTAL_URL ?? `http://localhost:${portalPort}`,
    },
  });
  writeLock();
  api.on("exit", (code) => {
    if (!stopping) void stop(code ?? 1);
  });
  // Pass the API's output through; once it is ready, load the demo data (embedded chain only).
  let startup: string | null = "";
  api.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (startup === null) return;
    startup += chunk.toString();
    const ready = /GraphQL ready at (\S+)/.exec(startup);
    if (!ready) return;
    startup = null;
    const graphqlUrl = ready[1];
    // The browser checks access-log anchors on chain itself: the embedded chain, or PORTAL_RPC_URL.
    const browserRpc = chain ? rpcUrl : process.env.PORTAL_RPC_URL;
    startPortal(portalPort, graphqlUrl, browserRpc ? { rpcUrl: browserRpc, deploymentsFile } : undefined)
      .then(async (server) => {
        portal = server;
        log(`research portal ready at ${server.url}`);
        if (chain) await seedDemoData(graphqlUrl, logger("demo"), { rpcUrl, deploymentsFile });
        log("ready");
      })
      .catch((error: unknown) => {
        if (stopping) return; // the API went away because we are stopping
        if (error instanceof UserFacingError) {
          console.error(`✖ ${error.message}`);
          void stop(1);
        } else console.error(`✖ demo data not loaded: ${error instanceof Error ? error.message : error}`);
      });
  });
}

main().catch(async (error: unknown) => {
  stopping = true;
  if (chain) await stopChild(chain.process, "SIGINT", 3000);
  if (!(error instanceof UserFacingError && error.message.startsWith("Another MedLedger"))) releaseLock();
  exitOnError(error);
});
