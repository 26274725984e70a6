/**
 * Test helpers for the API's integration tests: a real database (a fresh PGlite folder, or a
 * fresh schema in the PostgreSQL at DATABASE_URL) and the Hardhat chain from the jest global
 * setup. Only tests import this folder.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";

import { SignTypedDataVersion, signTypedData, type MessageTypes, type TypedMessage } from "@metamask/eth-sig-util";
import { Contract, ContractFactory, HDNodeWallet, JsonRpcProvider, NonceManager } from "ethers";
import { Client } from "pg";

import type { Config, DatabaseConfig } from "../config/config";
import { DEFAULT_LIMITS, REPO_ROOT } from "../config/config";

export interface TestDatabase {
  database: DatabaseConfig;
  /** Drops the schema (PostgreSQL); PGlite folders live in the OS temp folder. */
  cleanup(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    return { database: { kind: "pglite", dataDir: mkdtempSync(path.join(tmpdir(), "medledger-pglite-")) }, cleanup: async () => undefined };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  return {
    database: { kind: "postgres", url, schema },
    async cleanup() {
      const admin = new Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

export function testChain(): { rpcUrl: string; deploymentsFile: string } {
  const rpcUrl = process.env.TEST_RPC_URL;
  const deploymentsFile = process.env.TEST_DEPLOYMENTS_FILE;
  if (!rpcUrl || !deploymentsFile) throw new Error("the jest global setup did not start the Hardhat chain");
  return { rpcUrl, deploymentsFile };
}

/**
 * A deployments file like the global one, but with a fresh AnchorRegistry: anchors are
 * contiguous per registry, so every suite that anchors its own database needs its own. The
 * ClaimsRegistry, which checks claims' evidence against that AnchorRegistry, is fresh too.
 */
export async function deploymentWithFreshAnchors(): Promise<string> {
  const { rpcUrl, deploymentsFile } = testChain();
  const deployment = JSON.parse(readFileSync(deploymentsFile, "utf8")) as {
    contracts: Record<string, { address: string; abi: unknown[] }>;
  };
  const artifact = (name: string) =>
    JSON.parse(readFileSync(path.join(REPO_ROOT, "artifacts", "contracts", `${name}.sol`, `${name}.json`), "utf8")) as {
      abi: unknown[];
      bytecode: string;
    };
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
  const relayer = new NonceManager(demoWallet(DEMO.admin).connect(provider));
  const deploy = async (name: string, ...args: unknown[]): Promise<string> => {
    const { abi, bytecode } = artifact(name);
    const contract = await new ContractFactory(abi as never, bytecode, relayer).deploy(...args);
    await contract.waitForDeployment();
    return contract.getAddress();
  };
  const relayerAddress = await relayer.getAddress();
  const anchors = await deploy("AnchorRegistry", relayerAddress);
  deployment.contracts.AnchorRegistry = { ...deployment.contracts.AnchorRegistry, address: anchors };
  const claims = await deploy("ClaimsRegistry", deployment.contracts.RoleRegistry.address, anchors, relayerAddress);
  deployment.contracts.ClaimsRegistry = { ...deployment.contracts.ClaimsRegistry, address: claims };
  provider.destroy();
  const file = path.join(mkdtempSync(path.join(tmpdir(), "medledger-deploy-")), "deployments.json");
  writeFileSync(file, JSON.stringify(deployment));
  return file;
}

export function testConfig(database: DatabaseConfig, overrides: Partial<Config> = {}): Config {
  const { rpcUrl, deploymentsFile } = testChain();
  return {
    port: 0,
    host: "127.0.0.1",
    production: false,
    database,
    rpcUrl,
    deploymentsFile,
    circuitsDir: path.join(REPO_ROOT, "circuits", "artifacts"),
    masterKey: randomBytes(32),
    issuerKey: randomBytes(32),
    relayerPrivateKey: undefined,
    publicUrl: "http://localhost:4000",
    sessionTtlSeconds: 3600,
    challengeTtlSeconds: 300,
    breakGlassSeconds: 3600,
    // Tests anchor explicitly (services.anchors.anchorPending()), without waiting.
    anchorIntervalSeconds: 0,
    anchorSettleSeconds: 0,
    anchorBatchSize: 1024,
    anchorMinBatch: 256,
    anchorMaxWaitSeconds: 600,
    // Mutations relay their chain writes themselves (ChainOutbox.settle); the retry job is off.
    outboxIntervalSeconds: 0,
    // Suites sign in dozens of times from 127.0.0.1; the limits themselves have their own test.
    limits: {
      ...DEFAULT_LIMITS,
      requestsPerMinute: 100_000,
      signInPerMinute: 10_000,
      failedSignInsPer15Minutes: 10_000,
      expensivePerMinute: 10_000,
    },
    ...overrides,
  };
}

/** A FHIR R4 Coverage of `patientId` under `plan` (a policy id) for the period, as registerCoverage takes it. */
export function fhirCoverage(patientId: string, plan: string, start: string, end: string): Record<string, unknown> {
  return {
    resourceType: "Coverage",
    status: "active",
    beneficiary: { reference: `Patient/${patientId}` },
    payor: [{ display: "Harbor Health Plan" }],
    period: { start, end },
    class: [{ type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/coverage-class", code: "plan" }] }, value: plan }],
  };
}

export interface GraphQLResult<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GraphQLResult<T>;
}

/** A demo account's wallet (Hardhat's test mnemonic), as in contracts/deploy/demo-accounts.json. */
export function demoWallet(index: number): HDNodeWallet {
  const demo = JSON.parse(readFileSync(path.join(REPO_ROOT, "contracts", "deploy", "demo-accounts.json"), "utf8")) as { mnemonic: string };
  return HDNodeWallet.fromPhrase(demo.mnemonic, undefined, `m/44'/60'/0'/0/${index}`);
}

export const DEMO = {
  admin: 0,
  doctorA: 1,
  doctorB: 2,
  issuer: 3,
  researcher: 4,
  researcher2: 5,
  ethics1: 6,
  ethics2: 7,
  ethics3: 8,
  patient: 9,
  patient2: 10,
  patient3: 11,
  insurer: 12,
} as const;

/** Signs in over HTTP the way a wallet does (EIP-4361) and returns the session token. */
export async function signIn(url: string, wallet: HDNodeWallet): Promise<string> {
  const challenge = await graphql<{ authChallenge: { message: string } }>(
    url,
    "mutation($address: String!) { authChallenge(address: $address) { message } }",
    {
      address: wallet.address,
    },
  );
  const message = challenge.data!.authChallenge.message;
  const session = await graphql<{ signIn: { token: string } }>(
    url,
    "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }",
    {
      m: message,
      s: await wallet.signMessage(message),
    },
  );
  if (!session.data) throw new Error(`sign-in failed: ${JSON.stringify(session.errors)}`);
  return session.data.signIn.token;
}

/** The 45 Synthea R4 bundles (test/fixtures/SOURCES.md), gzip-compressed in the repository. */
export const SYNTHEA_DIR = path.join(REPO_ROOT, "test", "fixtures", "synthea");

export interface SyntheaBundle {
  resourceType: string;
  type: string;
  entry: { fullUrl: string; resource: { resourceType: string; id: string; [key: string]: unknown } }[];
}

export function syntheaFiles(): string[] {
  return readdirSync(SYNTHEA_DIR)
    .filter((file) => file.endsWith(".json.gz"))
    .sort();
}

export function syntheaBundle(file: string): SyntheaBundle {
  return JSON.parse(gunzipSync(readFileSync(path.join(SYNTHEA_DIR, file))).toString("utf8")) as SyntheaBundle;
}

/**
 * A deployed contract on the test chain, connected as a demo account (or read-only), for
 * tests that act on the chain directly. Call `close()` when done.
 */
export function onTestChain(
  name: string,
  as?: number,
  deploymentsFile = testChain().deploymentsFile,
): { contract: Contract; address: string; close(): void } {
  const { contracts } = JSON.parse(readFileSync(deploymentsFile, "utf8")) as { contracts: Record<string, { address: string; abi: never }> };
  const provider = new JsonRpcProvider(testChain().rpcUrl, undefined, { cacheTimeout: -1 });
  const { address, abi } = contracts[name];
  const contract = new Contract(address, abi, as === undefined ? provider : demoWallet(as).connect(provider));
  return { contract, address, close: () => provider.destroy() };
}

/**
 * An ethics-board member's vote over HTTP, the way the portal does it: prepare the EIP-712
 * vote, sign it with the member's wallet, send the signature back.
 */
export async function voteOverHttp(
  url: string,
  token: string,
  wallet: HDNodeWallet,
  subject: { studyId: string } | { releaseId: string },
  approve: boolean,
): Promise<GraphQLResult<Record<string, { status: string }>>> {
  const [kind, arg, id] = "studyId" in subject ? ["Study", "studyId", subject.studyId] : ["Release", "releaseId", subject.releaseId];
  const prepared = await graphql<Record<string, { typedData: WalletTypedData }>>(
    url,
    `mutation($id: String!, $a: Boolean!) { prepare${kind}Vote(${arg}: $id, approve: $a) { typedData } }`,
    { id, a: approve },
    token,
  );
  const typed = prepared.data?.[`prepare${kind}Vote`]?.typedData;
  if (!typed) return prepared as never;
  const signature = signLikeMetaMask(wallet, typed);
  return graphql(
    url,
    `mutation($id: String!, $a: Boolean!, $s: String!) { cast${kind}Vote(${arg}: $id, approve: $a, signature: $s) { status } }`,
    {
      id,
      a: approve,
      s: signature,
    },
    token,
  );
}

/** A study proposal as a researcher would write it (override what a test cares about). */
export function studyProposal(criteria: object, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Hypertension outcomes",
    purpose: "How blood pressure control relates to later kidney disease.",
    protocol: "# Protocol\n\nRetrospective cohort; de-identified data only.",
    dataUse: ["HMB", "IRB", "PUB"],
    requestedFields: ["ageBand", "sex", "region", "conditions"],
    minCohortSize: 3,
    criteria,
    ...overrides,
  };
}

/**
 * Proposes a study as `researcherToken` and approves it with two ethics-board members over
 * HTTP; returns its id. The API's issuer key must be trusted on chain for enrollment.
 */
export async function approvedStudyOverHttp(
  url: string,
  researcherToken: string,
  board: { token: string; wallet: HDNodeWallet }[],
  proposal: Record<string, unknown>,
): Promise<string> {
  const proposed = await graphql<{ proposeStudy: { studyId: string } }>(
    url,
    "mutation($i: StudyProposalInput!) { proposeStudy(input: $i) { studyId } }",
    { i: proposal },
    researcherToken,
  );
  if (!proposed.data) throw new Error(`proposeStudy failed: ${JSON.stringify(proposed.errors)}`);
  const studyId = proposed.data.proposeStudy.studyId;
  for (const member of board) {
    const voted = await voteOverHttp(url, member.token, member.wallet, { studyId }, true);
    if (voted.errors) throw new Error(`vote failed: ${JSON.stringify(voted.errors)}`);
  }
  return studyId;
}

/** Trusts the API's credential issuer on chain (as the admin does once per custodian). */
export async function trustIssuer(url: string): Promise<string> {
  const { data } = await graphql<{ issuer: { keyHash: string } }>(url, "{ issuer { keyHash } }");
  const issuers = onTestChain("TrustedIssuerRegistry", DEMO.admin);
  try {
    if (!(await issuers.contract.isTrusted(BigInt(data!.issuer.keyHash)))) {
      await (await issuers.contract.addIssuer(BigInt(data!.issuer.keyHash), demoWallet(DEMO.issuer).address)).wait();
    }
  } finally {
    issuers.close();
  }
  return data!.issuer.keyHash;
}

/** EIP-712 typed data as the API returns it: the eth_signTypedData_v4 payload, EIP712Domain included. */
export interface WalletTypedData {
  domain: Record<string, unknown>;
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  message: Record<string, unknown>;
}

/**
 * Signs the API's typed data the way MetaMask does (`eth_signTypedData_v4`, here with MetaMask's
 * own library): the payload is hashed exactly as sent, EIP712Domain type included.
 */
export function signLikeMetaMask(wallet: HDNodeWallet, typed: WalletTypedData): string {
  return signTypedData({
    privateKey: Buffer.from(wallet.privateKey.slice(2), "hex"),
    data: typed as unknown as TypedMessage<MessageTypes>,
    version: SignTypedDataVersion.V4,
  });
}

/** Signs the API's typed data with ethers, which derives EIP712Domain from the domain itself and wants it left out. */
export function signWithEthers(wallet: HDNodeWallet, typed: WalletTypedData): Promise<string> {
  const { EIP712Domain: _domainType, ...types } = typed.types;
  return wallet.signTypedData(typed.domain, types, typed.message);
}
