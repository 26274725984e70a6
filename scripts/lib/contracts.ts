/** Reading compiled artifacts, deploying and checking deployments from the command line. */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { Contract, HDNodeWallet, JsonRpcProvider, Network, Wallet, id, type Signer } from "ethers";

import demo from "../../contracts/deploy/demo-accounts.json" with { type: "json" };
import {
  deployMedLedger,
  MEDLEDGER_CONTRACTS,
  type Artifact,
  type ContractName,
  type Deployment,
} from "../../contracts/deploy/medledger.ts";
import { UserFacingError } from "./log.ts";

export const root = path.resolve(import.meta.dirname, "..", "..");

export async function loadArtifact(name: ContractName): Promise<Artifact> {
  const file = path.join(root, "artifacts", MEDLEDGER_CONTRACTS[name], `${name}.json`);
  if (!existsSync(file))
    throw new UserFacingError(`Contract artifact ${path.relative(root, file)} is missing: run npm run build:contracts.`);
  return JSON.parse(await readFile(file, "utf8")) as Artifact;
}

/** Asks a JSON-RPC endpoint for its chain id, failing with one clear line if it does not answer. */
export async function connectRpc(rpcUrl: string): Promise<JsonRpcProvider> {
  let chainId: bigint;
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { result?: string };
    if (!body.result) throw new Error(`no chain id in the answer (HTTP ${response.status})`);
    chainId = BigInt(body.result);
  } catch (error) {
    const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new UserFacingError(
      `Cannot reach the chain at RPC_URL=${rpcUrl} (${reason}): check RPC_URL, or unset it to use the embedded chain.`,
    );
  }
  return new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: Network.from(chainId), cacheTimeout: -1 });
}

export function demoWallet(index: number, provider?: JsonRpcProvider): HDNodeWallet {
  return HDNodeWallet.fromPhrase(demo.mnemonic, undefined, `m/44'/60'/0'/0/${index}`).connect(provider ?? null);
}

export function deployerFromKey(privateKey: string, provider: JsonRpcProvider): Wallet {
  try {
    return new Wallet(privateKey, provider);
  } catch {
    throw new UserFacingError("DEPLOYER_PRIVATE_KEY is not a valid private key (expected 0x followed by 64 hex digits).");
  }
}

export async function readDeployment(file: string): Promise<Deployment | undefined> {
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, "utf8")) as Deployment;
}

/**
 * True when the deployment has every contract this version of MedLedger needs and each still
 * has code on this chain (false after a chain reset or an upgrade that added contracts).
 */
export async function isLive(deployment: Deployment, provider: JsonRpcProvider): Promise<boolean> {
  const { chainId } = await provider.getNetwork();
  if (chainId.toString() !== deployment.chainId) return false;
  if (Object.keys(MEDLEDGER_CONTRACTS).some((name) => !deployment.contracts[name])) return false;
  for (const contract of Object.values(deployment.contracts)) {
    if ((await provider.getCode(contract.address)) === "0x") return false;
  }
  return true;
}

/**
 * Contracts whose recorded ABI differs from this version's compiled artifacts: a deployment
 * an older MedLedger made. Using it would call functions the contracts do not have.
 */
export async function staleContracts(deployment: Deployment): Promise<string[]> {
  const stale: string[] = [];
  for (const name of Object.keys(MEDLEDGER_CONTRACTS) as ContractName[]) {
    const recorded = deployment.contracts[name];
    if (recorded && JSON.stringify(recorded.abi) !== JSON.stringify((await loadArtifact(name)).abi)) stale.push(name);
  }
  return stale;
}

export async function deployAndWrite(
  deployer: Signer,
  file: string,
  log: (message: string) => void,
  relayer?: string,
  ethicsQuorum?: number,
): Promise<Deployment> {
  const deployment = await deployMedLedger(deployer, loadArtifact, log, relayer, { ethicsQuorum });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(deployment, null, 2)}\n`);
  log(`deployment written to ${path.relative(process.cwd(), file) || file}`);
  return deployment;
}

const ROLE_IDS: Record<string, string> = {
  admin: "0x" + "00".repeat(32),
  patient: id("PATIENT_ROLE"),
  doctor: id("DOCTOR_ROLE"),
  issuer: id("ISSUER_ROLE"),
  researcher: id("RESEARCHER_ROLE"),
  ethicsBoard: id("ETHICS_BOARD_ROLE"),
  insurer: id("INSURER_ROLE"),
};

/** Gives each demo account its role on chain (development chains only). */
export async function seedDemoRoles(deployment: Deployment, admin: Signer, log: (message: string) => void): Promise<void> {
  const registry = new Contract(deployment.contracts.RoleRegistry.address, deployment.contracts.RoleRegistry.abi, admin);
  for (const account of demo.accounts) {
    const address = demoWallet(account.index).address;
    const role = ROLE_IDS[account.role];
    if (!(await registry.hasRole(role, address))) await (await registry.grantRole(role, address)).wait();
  }
  log(`granted roles to ${demo.accounts.length} demo accounts`);
}
