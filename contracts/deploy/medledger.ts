/**
 * The one deploy path for MedLedger's contracts, shared by the embedded dev stack
 * (scripts/start.ts), the deploy command for real networks (scripts/deploy.ts) and the
 * contract tests (contracts/test). Plain ethers v6: it runs against Hardhat's in-process EVM
 * and any JSON-RPC node alike.
 */
import { ContractFactory, type InterfaceAbi, type Signer } from "ethers";

export interface Artifact {
  contractName: string;
  abi: InterfaceAbi;
  bytecode: string;
}

export interface DeployedContract {
  address: string;
  blockNumber: number;
  transactionHash: string;
  abi: InterfaceAbi;
}

/** What the API reads (DEPLOYMENTS_FILE). Addresses and ABIs only: nothing secret. */
export interface Deployment {
  chainId: string;
  deployer: string;
  /** Block of the last deployment transaction: lets a reader notice a chain that was reset. */
  block: { number: number; hash: string };
  contracts: Record<string, DeployedContract>;
}

/** Contract name -> source file, in deployment order. */
export const MEDLEDGER_CONTRACTS = {
  RoleRegistry: "contracts/RoleRegistry.sol",
  ConsentRegistry: "contracts/ConsentRegistry.sol",
  AnchorRegistry: "contracts/AnchorRegistry.sol",
  TrustedIssuerRegistry: "contracts/TrustedIssuerRegistry.sol",
  StudyRegistry: "contracts/StudyRegistry.sol",
  ReleaseRegistry: "contracts/ReleaseRegistry.sol",
  EligibilityVerifier: "contracts/generated/EligibilityVerifier.sol",
  NullifierOwnershipVerifier: "contracts/generated/NullifierOwnershipVerifier.sol",
  EligibilityEnrollment: "contracts/EligibilityEnrollment.sol",
  ClaimsRegistry: "contracts/ClaimsRegistry.sol",
} as const;

export type ContractName = keyof typeof MEDLEDGER_CONTRACTS;

/** Ethics-board votes that decide a study or a release unless the deployer says otherwise (m of n). */
export const DEFAULT_ETHICS_QUORUM = 2;

/**
 * Deploys every MedLedger contract. `relayer` is the account the API sends transactions from
 * (defaults to the deployer, as on the development chain).
 */
export async function deployMedLedger(
  deployer: Signer,
  loadArtifact: (name: ContractName) => Promise<Artifact>,
  onProgress: (message: string) => void = () => undefined,
  relayer?: string,
  options: { ethicsQuorum?: number } = {},
): Promise<Deployment> {
  const provider = deployer.provider;
  if (!provider) throw new Error("the deployer signer has no provider");
  const deployerAddress = await deployer.getAddress();
  const contracts: Record<string, DeployedContract> = {};
  const at = (name: ContractName): string => contracts[name].address;
  // Constructor arguments; contracts only refer to contracts deployed before them.
  const constructorArgs: Record<ContractName, () => unknown[]> = {
    RoleRegistry: () => [deployerAddress],
    ConsentRegistry: () => [relayer ?? deployerAddress],
    AnchorRegistry: () => [relayer ?? deployerAddress],
    TrustedIssuerRegistry: () => [at("RoleRegistry")],
    StudyRegistry: () => [at("RoleRegistry"), relayer ?? deployerAddress, options.ethicsQuorum ?? DEFAULT_ETHICS_QUORUM],
    ReleaseRegistry: () => [at("StudyRegistry"), relayer ?? deployerAddress],
    EligibilityVerifier: () => [],
    EligibilityEnrollment: () => [
      at("EligibilityVerifier"),
      at("NullifierOwnershipVerifier"),
      at("StudyRegistry"),
      at("TrustedIssuerRegistry"),
    ],
    NullifierOwnershipVerifier: () => [],
    ClaimsRegistry: () => [at("RoleRegistry"), at("AnchorRegistry"), relayer ?? deployerAddress],
  };

  for (const name of Object.keys(MEDLEDGER_CONTRACTS) as ContractName[]) {
    const artifact = await loadArtifact(name);
    const factory = new ContractFactory(artifact.abi, artifact.bytecode, deployer);
    const contract = await factory.deploy(...constructorArgs[name]());
    const receipt = await contract.deploymentTransaction()?.wait();
    if (!receipt) throw new Error(`deployment of ${name} has no receipt`);
    contracts[name] = {
      address: await contract.getAddress(),
      blockNumber: receipt.blockNumber,
      transactionHash: receipt.hash,
      abi: artifact.abi,
    };
    onProgress(`deployed ${name} at ${contracts[name].address}`);
  }

  const lastBlock = Math.max(...Object.values(contracts).map((c) => c.blockNumber));
  const block = await provider.getBlock(lastBlock);
  if (!block?.hash) throw new Error(`block ${lastBlock} not found after deployment`);
  const { chainId } = await provider.getNetwork();
  return {
    chainId: chainId.toString(),
    deployer: deployerAddress,
    block: { number: block.number, hash: block.hash },
    contracts,
  };
}
