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
 * Ctrl-C stops the API and the chain cleanly; the next start reuses the data.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";

import { connectRpc, demoWallet, deployAndWrite, deployerFromKey, isLive, readDeployment, root, seedDemoRoles } from "./lib/contracts.ts";
import { seedDemoData } from "./lib/demo-data.ts";
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

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await portal?.close();
    if (api && api.exitCode === null) {
      log("stopping the API");
      await new Promise<void>((resolve) => {
        api?.once("exit", () => resolve());
        api?.kill("SIGTERM");
      });
    }
    if (chain) {
      log("stopping the chain (saving its state)");
      await chain.stop();
    }
  }
  process.exit(code);
}

async function embeddedChain(): Promise<string> {
  const port = Number(process.env.CHAIN_PORT ?? 8545);
  const stateFile = path.join(dataDir, "chain-state.json");
  const reused = existsSync(stateFile);
  chain = await startLocalChain({ port, stateFile });
  chain.process.on("exit", (code) => {
    if (!stopping) {
      console.error(`✖ The embedded chain stopped unexpectedly (code ${code}).`);
      void stop(1);
    }
  });
  log(`chain: anvil at ${chain.url} (${reused ? "state reused from" : "state kept in"} ${shown(stateFile)})`);

  const provider = await connectRpc(chain.url);
  const existing = await readDeployment(deploymentsFile);
  if (existing && (await isLive(existing, provider))) {
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
  }
  provider.destroy();
  log(`chain: ${rpcUrl}`);
  return rpcUrl;
}

async function main(): Promise<void> {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));
  await mkdir(dataDir, { recursive: true });
  log(`data folder ${shown(dataDir)}`);
  const rpcUrl = process.env.RPC_URL ? await externalChain(process.env.RPC_URL) : await embeddedChain();

  const apiMain = path.join(root, "api", "dist", "main.js");
  if (!existsSync(apiMain)) throw new UserFacingError("The API is not built: run npm run build (npm start does it for you).");
  api = spawn(process.execPath, [apiMain], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, RPC_URL: rpcUrl, DEPLOYMENTS_FILE: deploymentsFile, DATA_DIR: dataDir },
  });
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
    startPortal(Number(process.env.PORTAL_PORT ?? 3000), graphqlUrl)
      .then(async (server) => {
        portal = server;
        log(`research portal ready at ${server.url}`);
        if (chain) await seedDemoData(graphqlUrl, logger("demo"), { rpcUrl, deploymentsFile });
        log("ready");
      })
      .catch((error: unknown) => {
        if (error instanceof UserFacingError) {
          console.error(`✖ ${error.message}`);
          void stop(1);
        } else console.error(`✖ demo data not loaded: ${error instanceof Error ? error.message : error}`);
      });
  });
}

main().catch(async (error: unknown) => {
  stopping = true;
  if (chain) await chain.stop();
  exitOnError(error);
});
