/**
 * The connection to the chain, shared by the contract-family adapters beside it (consent,
 * anchor, research, enrollment, role): the JSON-RPC provider, the relayer that sends the API's
 * transactions, the deployments file, and the helpers every family uses (sending a relayed
 * transaction with its custom errors mapped, finding an event, checking addresses and
 * signatures). The only files in the API that import ethers are in this folder.
 * Start-up problems (unreachable node, a deployments file for another chain, contracts
 * missing after a chain reset) become one-line ConfigErrors.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import {
  Contract,
  FetchRequest,
  HDNodeWallet,
  JsonRpcProvider,
  Network,
  NonceManager,
  Signature,
  TypedDataEncoder,
  Wallet,
  getAddress,
  isError,
  verifyTypedData,
  type ContractEventName,
  type InterfaceAbi,
  type Result,
  type Signer,
} from "ethers";

import { ConfigError, REPO_ROOT } from "../config/config";
import type { TypedData } from "../domain/consent/consent.service";
import { DomainError, type DomainErrorCode } from "../domain/errors";
import type { ChainStatusSource, DeployedContractInfo } from "../domain/health.service";

/**
 * The EIP-712 payload a wallet signs with `eth_signTypedData_v4`: `types` includes
 * `EIP712Domain` (derived from `domain` by ethers), numbers as decimal strings. MetaMask and
 * every other v4 signer hash exactly this; without `EIP712Domain` they hash another domain.
 */
export function walletTypedData(
  domain: Record<string, unknown>,
  types: Record<string, { name: string; type: string }[]>,
  message: Record<string, unknown>,
): TypedData {
  return TypedDataEncoder.getPayload(domain, types, message) as TypedData;
}

/** The development relayer: demo account 0 of the Hardhat test mnemonic, on chain 31337 only. */
function devRelayerKey(): string {
  const demo = JSON.parse(readFileSync(path.join(REPO_ROOT, "contracts", "deploy", "demo-accounts.json"), "utf8")) as { mnemonic: string };
  return HDNodeWallet.fromPhrase(demo.mnemonic, undefined, "m/44'/60'/0'/0/0").privateKey;
}

/** The shape scripts/deploy.ts writes (contracts/deploy/medledger.ts `Deployment`). */
export interface Deployment {
  chainId: string;
  deployer: string;
  block: { number: number; hash: string };
  contracts: Record<string, { address: string; blockNumber: number; transactionHash: string; abi: InterfaceAbi }>;
}

export function loadDeployment(file: string): Deployment {
  if (!existsSync(file)) {
    throw new ConfigError(
      `No deployments file at ${file}: deploy the contracts with "npm run deploy" (or npm start for the embedded chain), or set DEPLOYMENTS_FILE.`,
    );
  }
  let parsed: Partial<Deployment>;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<Deployment>;
  } catch {
    throw new ConfigError(`The deployments file ${file} is not valid JSON: redeploy with "npm run deploy".`);
  }
  const contracts = parsed.contracts;
  const valid =
    typeof parsed.chainId === "string" &&
    contracts !== undefined &&
    Object.keys(contracts).length > 0 &&
    Object.values(contracts).every((c) => /^0x[0-9a-fA-F]{40}$/.test(c?.address ?? "") && Array.isArray(c?.abi));
  if (!valid) throw new ConfigError(`The deployments file ${file} lacks a chain id or contract addresses: redeploy with "npm run deploy".`);
  return parsed as Deployment;
}

async function fetchChainId(rpcUrl: string): Promise<bigint> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { result?: string };
    if (!body.result) throw new Error(`HTTP ${response.status} without a chain id`);
    return BigInt(body.result);
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new ConfigError(
      `Cannot reach the chain at RPC_URL=${rpcUrl} (${cause}): check RPC_URL, or unset it and use npm start for the embedded chain.`,
    );
  }
}

/** A transaction refused for its nonce (used already, or ahead of the node's count). */
function isNonceProblem(error: unknown): boolean {
  return isError(error, "NONCE_EXPIRED") || /nonce too (high|low)/i.test(error instanceof Error ? error.message : String(error));
}

/** A mined transaction's receipt, as far as the adapters need it. */
export type Sent = { wait(): Promise<{ hash: string; logs: unknown[] } | null> };

export class ChainConnection implements ChainStatusSource {
  private readonly relayer: NonceManager | null;

  private constructor(
    readonly provider: JsonRpcProvider,
    readonly chainId: string,
    readonly deployment: Deployment,
    relayerKey: string | undefined,
  ) {
    const key = relayerKey ?? (chainId === "31337" ? devRelayerKey() : undefined);
    this.relayer = key ? new NonceManager(new Wallet(key, provider)) : null;
  }

  /** Connects and checks that the deployment belongs to this chain and its contracts exist. */
  static async connect(rpcUrl: string, deployment: Deployment, relayerKey?: string): Promise<ChainConnection> {
    const chainId = await fetchChainId(rpcUrl);
    if (chainId.toString() !== deployment.chainId) {
      throw new ConfigError(
        `The deployments file is for chain ${deployment.chainId} but RPC_URL=${rpcUrl} serves chain ${chainId}: point DEPLOYMENTS_FILE at this chain's deployment or redeploy.`,
      );
    }
    // A node that hangs must not hang the API: every RPC call gives up after 15 s (and is retried by the outbox or the next job run).
    const request = new FetchRequest(rpcUrl);
    request.timeout = 15_000;
    const provider = new JsonRpcProvider(request, undefined, { staticNetwork: Network.from(chainId), cacheTimeout: -1 });
    for (const [name, contract] of Object.entries(deployment.contracts)) {
      if ((await provider.getCode(contract.address)) === "0x") {
        provider.destroy();
        throw new ConfigError(
          `No ${name} contract at ${contract.address} on chain ${chainId}: the chain was reset or the deployments file is stale; redeploy with "npm run deploy".`,
        );
      }
    }
    return new ChainConnection(provider, chainId.toString(), deployment, relayerKey);
  }

  contract(name: string, runner: JsonRpcProvider | Signer = this.provider): Contract {
    const deployed = this.deployment.contracts[name];
    if (!deployed) throw new Error(`${name} is not in the deployments file`);
    return new Contract(deployed.address, deployed.abi, runner);
  }

  private requireRelayer(): Signer {
    if (!this.relayer) {
      throw new DomainError(
        "FORBIDDEN",
        `This API has no relayer key for chain ${this.chainId}: the operator must set RELAYER_PRIVATE_KEY`,
      );
    }
    return this.relayer;
  }

  checksum(address: string): string {
    try {
      return getAddress(address);
    } catch {
      throw new DomainError("BAD_USER_INPUT", `${address} is not an Ethereum address (or its EIP-55 checksum is wrong)`);
    }
  }

  recoverSigner(typedData: TypedData, signature: string): string {
    try {
      Signature.from(signature);
      // ethers derives the domain type from `domain` itself and refuses an explicit one.
      const { EIP712Domain: _domainType, ...types } = typedData.types;
      return verifyTypedData(typedData.domain, types, typedData.message, signature);
    } catch {
      throw new DomainError("BAD_USER_INPUT", "signature must be a 65-byte EIP-712 signature (0x + 130 hex digits)");
    }
  }

  /** Sends a relayer transaction to `contractName` and turns its custom errors into domain errors. */
  async relay(
    send: (registry: Contract) => Promise<Sent>,
    contractName: string,
    errors: Record<string, [DomainErrorCode, string]>,
  ): Promise<{ hash: string; logs: unknown[] }> {
    const registry = this.contract(contractName, this.requireRelayer());
    try {
      let response;
      try {
        response = await send(registry);
      } catch (error) {
        // ethers' NonceManager counts a nonce even when the transaction never left (a revert
        // found while estimating gas), and the relayer account may also send transactions
        // outside this API (an operator's admin step): after any failure the next nonce comes
        // from the node again, and a nonce problem is retried once.
        this.relayer!.reset();
        if (!isNonceProblem(error)) throw error;
        response = await send(registry);
      }
      const receipt = await response.wait();
      if (!receipt) throw new Error("no receipt");
      return receipt;
    } catch (error) {
      // A revert found while estimating gas comes from the provider, undecoded: decode its data
      // with the contract's ABI to name the custom error.
      const name = isError(error, "CALL_EXCEPTION")
        ? (error.revert?.name ?? (error.data ? registry.interface.parseError(error.data)?.name : undefined))
        : undefined;
      const mapped = name ? errors[name] : undefined;
      if (mapped) throw new DomainError(mapped[0], mapped[1]);
      throw error;
    }
  }

  /** The first event of `contractName` matching `filter` since the deployment, and its transaction. */
  async findEvent(
    contractName: string,
    filter: (contract: Contract) => ContractEventName,
    matches: (args: Result) => boolean = () => true,
  ): Promise<string | null> {
    const found = (await this.events(contractName, filter)).find((event) => matches(event.args));
    return found ? found.transactionHash : null;
  }

  /** Every event of `contractName` matching `filter` since the deployment, oldest first, with its transaction. */
  async events(
    contractName: string,
    filter: (contract: Contract) => ContractEventName,
  ): Promise<{ args: Result; transactionHash: string }[]> {
    const contract = this.contract(contractName);
    const found = await contract.queryFilter(filter(contract), this.deploymentBlock, "latest");
    return found
      .filter((event) => "args" in event)
      .map((event) => ({ args: (event as { args: Result }).args, transactionHash: event.transactionHash }));
  }

  get deploymentBlock(): number {
    return Math.min(...Object.values(this.deployment.contracts).map((c) => c.blockNumber));
  }

  /** Block number of a mined transaction (null when the chain does not know it). */
  async transactionBlock(txHash: string): Promise<number | null> {
    return (await this.provider.getTransactionReceipt(txHash))?.blockNumber ?? null;
  }

  contracts(): DeployedContractInfo[] {
    return Object.entries(this.deployment.contracts).map(([name, c]) => ({ name, address: c.address }));
  }

  async latestBlock(): Promise<number | null> {
    try {
      return await this.provider.getBlockNumber();
    } catch {
      return null;
    }
  }

  close(): void {
    this.provider.destroy();
  }
}

/** What every contract-family adapter shares: the connection and its helpers. */
export abstract class ChainFamily {
  constructor(protected readonly connection: ChainConnection) {}

  protected contract(name: string, runner?: JsonRpcProvider | Signer): Contract {
    return this.connection.contract(name, runner);
  }

  protected relay(send: (registry: Contract) => Promise<Sent>, contractName: string, errors: Record<string, [DomainErrorCode, string]>) {
    return this.connection.relay(send, contractName, errors);
  }

  protected findEvent(contractName: string, filter: (contract: Contract) => ContractEventName, matches?: (args: Result) => boolean) {
    return this.connection.findEvent(contractName, filter, matches);
  }

  protected get chainId(): string {
    return this.connection.chainId;
  }

  protected get deployment(): Deployment {
    return this.connection.deployment;
  }

  checksum(address: string): string {
    return this.connection.checksum(address);
  }

  recoverSigner(typedData: TypedData, signature: string): string {
    return this.connection.recoverSigner(typedData, signature);
  }
}
