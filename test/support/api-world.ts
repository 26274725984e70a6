/**
 * A whole MedLedger for process-level tests (faults, several API processes): a test database
 * (PGlite, or a fresh schema of the PostgreSQL at DATABASE_URL), an anvil chain that keeps its
 * state in a file, the deployed contracts, and the environment of API processes over them.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { Contract, JsonRpcProvider } from "ethers";

import {
  createTestDatabase,
  DEMO,
  demoWallet,
  graphql,
  syntheaBundle,
  syntheaFiles,
  type TestDatabase,
} from "../../api/src/testing/test-environment";
import { deployTo, eventually, startAnvil, type Proc } from "./fault-stack";
import { freePort } from "./stack";

export const STATUS = "{ anchoringStatus { pendingRecordVersions pendingAccessLogEntries pendingChainWrites failedChainWrites } }";
export interface Status {
  anchoringStatus: {
    pendingRecordVersions: number;
    pendingAccessLogEntries: number;
    pendingChainWrites: number;
    failedChainWrites: number;
  };
}
export const VERIFY = "{ verifyAccessLog { ok checked unanchored problem } }";

export interface World {
  db: TestDatabase;
  dataDir: string;
  stateFile: string;
  chainPort: number;
  apiPort: number;
  deploymentsFile: string;
  chain: Proc & { url: string };
  api?: Proc & { ready: Promise<string> };
}

export async function world(): Promise<World> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), "medledger-faults-"));
  const stateFile = path.join(dataDir, "chain-state.json");
  const chainPort = await freePort();
  const chain = await startAnvil(chainPort, stateFile);
  const deploymentsFile = path.join(dataDir, "deployments.json");
  await deployTo(chain.url, deploymentsFile);
  return { db, dataDir, stateFile, chainPort, apiPort: await freePort(), deploymentsFile, chain };
}

export function apiEnv(w: World, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    DATA_DIR: w.dataDir,
    PORT: String(w.apiPort),
    RPC_URL: w.chain.url,
    DEPLOYMENTS_FILE: w.deploymentsFile,
    DATABASE_URL: w.db.database.kind === "postgres" ? w.db.database.url : undefined,
    DATABASE_SCHEMA: w.db.database.kind === "postgres" ? w.db.database.schema : undefined,
    ANCHOR_INTERVAL_SECONDS: "1",
    ANCHOR_SETTLE_SECONDS: "0",
    // Anchor whatever waits at every run, as before batching by size or age (anchor-policy.int.test.ts).
    ANCHOR_MIN_BATCH: "1",
    OUTBOX_INTERVAL_SECONDS: "1",
    MEDLEDGER_CRASH_AT: undefined,
    ...extra,
  };
}

export async function tearDown(w: World | undefined): Promise<void> {
  if (!w) return;
  await w.api?.stop("SIGKILL");
  await w.chain.stop("SIGKILL");
  await w.db.cleanup();
}

export function onChain(w: World, name: string): { contract: Contract; close(): void } {
  const { contracts } = JSON.parse(readFileSync(w.deploymentsFile, "utf8")) as {
    contracts: Record<string, { address: string; abi: never }>;
  };
  const provider = new JsonRpcProvider(w.chain.url, undefined, { cacheTimeout: -1 });
  return { contract: new Contract(contracts[name].address, contracts[name].abi, provider), close: () => provider.destroy() };
}

/** Doctor A imports a Synthea patient linked to demo patient 9; returns the patient id and record count. */
export async function importPatient(url: string, doctorToken: string): Promise<{ patientId: string; created: number }> {
  const bundle = syntheaBundle(syntheaFiles()[0]);
  const imported = await graphql<{ importBundle: { patientId: string; created: number } }>(
    url,
    "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId created } }",
    { b: bundle, a: demoWallet(DEMO.patient).address },
    doctorToken,
  );
  if (!imported.data) throw new Error(JSON.stringify(imported.errors));
  return imported.data.importBundle;
}

/** Waits until every ledger entry is anchored and every chain write has landed. */
export async function settled(url: string, adminToken: string): Promise<void> {
  await eventually(async () => {
    const { data } = await graphql<Status>(url, STATUS, {}, adminToken);
    const s = data?.anchoringStatus;
    return s && s.pendingRecordVersions === 0 && s.pendingAccessLogEntries === 0 && s.pendingChainWrites === 0;
  }, "anchors and chain writes to land");
}
