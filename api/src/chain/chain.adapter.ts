/**
 * The chain adapter: the only place the API talks to the EVM (ethers v6 over JSON-RPC).
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
import { rolesFromMask, type Role } from "../domain/actors";
import type { RoleSource } from "../domain/auth/auth.service";
import type { AnchorChain, AnchorKind } from "../domain/anchoring/anchor.service";
import type { ChainEvents } from "../domain/chain-sync.service";
import type { ConsentChain, ConsentMessage, TypedData } from "../domain/consent/consent.service";
import type { EnrollmentChain } from "../domain/studies/enrollment.service";
import type { OnChainStudy, StudyChain, StudyHashes, StudyStatus, StudyStep } from "../domain/studies/study.service";
import type { OnChainRelease, ReleaseChain, ReleaseStatus } from "../domain/research/release.service";
import { DomainError, type DomainErrorCode } from "../domain/errors";
import type { ChainStatusSource, DeployedContractInfo } from "../domain/health.service";

/** RoleRegistry role constant names (admin is OpenZeppelin's DEFAULT_ADMIN_ROLE = 0x00). */
const ROLE_NAMES: Record<Role, string> = {
  admin: "",
  patient: "PATIENT_ROLE",
  doctor: "DOCTOR_ROLE",
  issuer: "ISSUER_ROLE",
  researcher: "RESEARCHER_ROLE",
  ethicsBoard: "ETHICS_BOARD_ROLE",
};

/** ConsentRegistry's EIP-712 domain name/version and types: one definition for every language. */
const CONSENT_EIP712 = JSON.parse(readFileSync(path.join(REPO_ROOT, "contracts", "deploy", "consent-eip712.json"), "utf8")) as {
  domain: { name: string; version: string };
  types: Record<"Consent" | "Revocation", { name: string; type: string }[]>;
};

/** The ethics board's EIP-712 vote types (StudyRegistry, ReleaseRegistry). */
const RESEARCH_EIP712 = JSON.parse(readFileSync(path.join(REPO_ROOT, "contracts", "deploy", "research-eip712.json"), "utf8")) as {
  domains: Record<"StudyRegistry" | "ReleaseRegistry", { name: string; version: string }>;
  types: Record<"StudyVote" | "ReleaseVote", { name: string; type: string }[]>;
};

/** IStudyRegistry.Status and IReleaseRegistry.Status, by index (0 = None). */
const STUDY_STATUS: (StudyStatus | null)[] = [null, "PROPOSED", "APPROVED", "REJECTED", "SUSPENDED", "CLOSED"];
const RELEASE_STATUS: (ReleaseStatus | null)[] = [null, "PENDING", "APPROVED", "REJECTED"];

/** How StudyRegistry's and ReleaseRegistry's custom errors reach API callers. */
const RESEARCH_ERRORS: Record<string, [DomainErrorCode, string]> = {
  StudyNotResearcher: ["FORBIDDEN", "the account does not hold the researcher role on chain"],
  StudyNotAllowed: ["FORBIDDEN", "the chain refused the caller"],
  StudyNotEthicsBoard: ["FORBIDDEN", "the signer is not an ethics-board member on chain"],
  StudyAlreadyExists: ["CONFLICT", "a study with this id already exists on chain"],
  StudyUnknown: ["NOT_FOUND", "Study not found on chain"],
  StudyWrongStatus: ["CONFLICT", "the study's status on chain does not allow this"],
  StudyStaleVersion: ["CONFLICT", "the study was amended: vote on the current version"],
  StudyAlreadyVoted: ["CONFLICT", "you already voted on this version"],
  StudyBadSignature: ["BAD_USER_INPUT", "the chain rejected the signature"],
  StudyMissingHash: ["BAD_USER_INPUT", "a study needs protocol, terms, criteria and issuer hashes"],
  ReleaseStudyNotApproved: ["CONFLICT", "the study is not approved on chain"],
  ReleaseUnknown: ["NOT_FOUND", "Release not found on chain"],
  ReleaseNotPending: ["CONFLICT", "the release was already decided"],
  ReleaseManifestMismatch: ["BAD_USER_INPUT", "the vote is for another manifest"],
  ReleaseAlreadyVoted: ["CONFLICT", "you already voted on this release"],
  ReleaseBadSignature: ["BAD_USER_INPUT", "the chain rejected the signature"],
  ReleaseNotEthicsBoard: ["FORBIDDEN", "the signer is not an ethics-board member on chain"],
};

/** How TrustedIssuerRegistry's custom errors reach API callers. */
const ISSUER_ERRORS: Record<string, [DomainErrorCode, string]> = {
  IssuerRegistryNotAdmin: ["FORBIDDEN", "the API's relayer is not an admin on chain: trust the issuer from an admin account"],
  IssuerRegistryAlreadyTrusted: ["CONFLICT", "this issuer is already trusted"],
  IssuerRegistryUnknown: ["NOT_FOUND", "Trusted issuer not found on chain"],
};

/** How ConsentRegistry's custom errors reach API callers. */
const CONSENT_ERRORS: Record<string, [DomainErrorCode, string]> = {
  ConsentBadSignature: ["BAD_USER_INPUT", "the chain rejected the signature"],
  ConsentExpired: ["BAD_USER_INPUT", "the consent has already expired"],
  ConsentAlreadyGranted: ["CONFLICT", "this exact consent was already granted: prepare a new one"],
  ConsentUnknown: ["NOT_FOUND", "Consent not found on chain"],
  ConsentAlreadyRevoked: ["CONFLICT", "the consent is already revoked"],
  ConsentRevocationExpired: ["BAD_USER_INPUT", "the revocation deadline has passed: prepare it again"],
};

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

/** AnchorRegistry.Kind values. */
const ANCHOR_KIND: Record<AnchorKind, number> = { recordVersions: 0, accessLog: 1 };

/** How EligibilityEnrollment's custom errors reach API callers. */
const ENROLLMENT_ERRORS: Record<string, [DomainErrorCode, string]> = {
  EnrollmentStudyNotOpen: ["CONFLICT", "the study is not open for enrollment"],
  EnrollmentWrongStudy: ["BAD_USER_INPUT", "the proof is for another study"],
  EnrollmentCriteriaMismatch: ["BAD_USER_INPUT", "the proof is for other criteria than this study's"],
  EnrollmentIssuerMismatch: ["BAD_USER_INPUT", "the credential is not from this study's issuer"],
  EnrollmentIssuerNotTrusted: ["BAD_USER_INPUT", "the credential's issuer is not trusted"],
  EnrollmentStaleProofDate: ["BAD_USER_INPUT", "the proof is dated more than a day away from today: prove again"],
  EnrollmentNullifierUsed: ["CONFLICT", "already enrolled in this study"],
  EnrollmentInvalidProof: ["BAD_USER_INPUT", "the proof does not verify"],
  EnrollmentNotEnrolled: ["CONFLICT", "not enrolled in this study (or already withdrawn)"],
  EnrollmentWrongAction: ["BAD_USER_INPUT", "the proof is not bound to the withdraw action"],
};

export class ChainAdapter
  implements ChainStatusSource, RoleSource, ConsentChain, AnchorChain, ChainEvents, StudyChain, EnrollmentChain, ReleaseChain
{
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
  static async connect(rpcUrl: string, deployment: Deployment, relayerKey?: string): Promise<ChainAdapter> {
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
    return new ChainAdapter(provider, chainId.toString(), deployment, relayerKey);
  }

  private contract(name: string, runner: JsonRpcProvider | Signer = this.provider): Contract {
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

  private consentDomain(): Record<string, unknown> {
    return {
      ...CONSENT_EIP712.domain,
      chainId: Number(this.chainId),
      verifyingContract: this.deployment.contracts.ConsentRegistry.address,
    };
  }

  consentTypedData(message: ConsentMessage): TypedData {
    return {
      domain: this.consentDomain(),
      types: { Consent: CONSENT_EIP712.types.Consent },
      primaryType: "Consent",
      message: { ...message },
    };
  }

  revocationTypedData(consentId: string, deadline: number): TypedData {
    return {
      domain: this.consentDomain(),
      types: { Revocation: CONSENT_EIP712.types.Revocation },
      primaryType: "Revocation",
      message: { consentId, deadline },
    };
  }

  recoverSigner(typedData: TypedData, signature: string): string {
    try {
      Signature.from(signature);
      return verifyTypedData(typedData.domain, typedData.types, typedData.message, signature);
    } catch {
      throw new DomainError("BAD_USER_INPUT", "signature must be a 65-byte EIP-712 signature (0x + 130 hex digits)");
    }
  }

  /** Sends a relayer transaction to `contractName` and turns its custom errors into domain errors. */
  private async relay(
    send: (registry: Contract) => Promise<{ wait(): Promise<{ hash: string; logs: unknown[] } | null> }>,
    contractName = "ConsentRegistry",
    errors: Record<string, [DomainErrorCode, string]> = CONSENT_ERRORS,
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

  consentId(message: ConsentMessage): string {
    return TypedDataEncoder.hash(this.consentDomain(), { Consent: CONSENT_EIP712.types.Consent }, message).toLowerCase();
  }

  async relayConsent(message: ConsentMessage, signature: string): Promise<{ id: string; txHash: string }> {
    const receipt = await this.relay((registry) => registry.grantConsent(message, signature));
    return { id: this.consentId(message), txHash: receipt.hash };
  }

  /** The first event of `contractName` matching `filter` since the deployment, and its transaction. */
  private async findEvent(
    contractName: string,
    filter: (contract: Contract) => ContractEventName,
    matches: (args: Result) => boolean = () => true,
  ): Promise<string | null> {
    const contract = this.contract(contractName);
    const events = await contract.queryFilter(filter(contract), this.deploymentBlock, "latest");
    const found = events.find((event) => "args" in event && matches(event.args));
    return found ? found.transactionHash : null;
  }

  consentGrantTx(consentId: string): Promise<string | null> {
    return this.findEvent("ConsentRegistry", (c) => c.filters.ConsentGranted(consentId));
  }

  consentRevocationTx(consentId: string): Promise<string | null> {
    return this.findEvent("ConsentRegistry", (c) => c.filters.ConsentRevoked(consentId));
  }

  emergencyAccessTx(patientRef: string, doctor: string, reasonHash: string, expiresAt: number): Promise<string | null> {
    return this.findEvent(
      "ConsentRegistry",
      (c) => c.filters.EmergencyAccessRecorded(patientRef, doctor),
      (args) => String(args.reasonHash).toLowerCase() === reasonHash.toLowerCase() && Number(args.expiresAt) === expiresAt,
    );
  }

  async relayRevocation(consentId: string, deadline: number, signature: string): Promise<string> {
    return (await this.relay((registry) => registry.revokeConsent(consentId, deadline, signature))).hash;
  }

  async recordEmergencyAccess(patientRef: string, doctor: string, reasonHash: string, expiresAt: number): Promise<string> {
    return (await this.relay((registry) => registry.recordEmergencyAccess(patientRef, doctor, reasonHash, expiresAt))).hash;
  }

  get deploymentBlock(): number {
    return Math.min(...Object.values(this.deployment.contracts).map((c) => c.blockNumber));
  }

  async consentRevocations(fromBlock: number, toBlock: number): Promise<{ id: string; txHash: string }[]> {
    const registry = this.contract("ConsentRegistry");
    const events = await registry.queryFilter(registry.filters.ConsentRevoked(), fromBlock, toBlock);
    return events.map((event) => ({
      id: String((event as unknown as { args: { id: string } }).args.id).toLowerCase(),
      txHash: event.transactionHash,
    }));
  }

  async roleChanges(fromBlock: number, toBlock: number): Promise<string[]> {
    const registry = this.contract("RoleRegistry");
    const granted = await registry.queryFilter(registry.filters.RoleGranted(), fromBlock, toBlock);
    const revoked = await registry.queryFilter(registry.filters.RoleRevoked(), fromBlock, toBlock);
    return [...granted, ...revoked].map((event) => getAddress(String((event as unknown as { args: { account: string } }).args.account)));
  }

  async anchorRoot(kind: AnchorKind, root: string, firstSeq: number, lastSeq: number): Promise<{ index: number; txHash: string }> {
    const registry = this.contract("AnchorRegistry");
    const receipt = await this.relay((r) => r.anchor(ANCHOR_KIND[kind], root, firstSeq, lastSeq), "AnchorRegistry", {});
    const event = (receipt.logs as { topics: string[]; data: string }[])
      .map((log: { topics: string[]; data: string }) => registry.interface.parseLog(log))
      .find((parsed) => parsed?.name === "RootAnchored");
    if (!event) throw new Error("RootAnchored event missing from the receipt");
    return { index: Number(event.args.index), txHash: receipt.hash };
  }

  async anchorCount(kind: AnchorKind): Promise<number> {
    return Number(await this.contract("AnchorRegistry").anchorCount(ANCHOR_KIND[kind]));
  }

  async anchorAt(
    kind: AnchorKind,
    index: number,
  ): Promise<{ root: string; firstSeq: number; lastSeq: number; anchoredAt: Date; txHash: string | null }> {
    const a = await this.contract("AnchorRegistry").anchorAt(ANCHOR_KIND[kind], index);
    const txHash = await this.findEvent("AnchorRegistry", (c) => c.filters.RootAnchored(ANCHOR_KIND[kind], index));
    return {
      root: String(a.root),
      firstSeq: Number(a.firstSeq),
      lastSeq: Number(a.lastSeq),
      anchoredAt: new Date(Number(a.anchoredAt) * 1000),
      txHash,
    };
  }

  async anchoredRoot(kind: AnchorKind, index: number): Promise<string | null> {
    const registry = this.contract("AnchorRegistry");
    if (BigInt(index) >= (await registry.anchorCount(ANCHOR_KIND[kind]))) return null;
    return (await registry.anchorAt(ANCHOR_KIND[kind], index)).root as string;
  }

  private researchDomain(contract: "StudyRegistry" | "ReleaseRegistry"): Record<string, unknown> {
    return {
      ...RESEARCH_EIP712.domains[contract],
      chainId: Number(this.chainId),
      verifyingContract: this.deployment.contracts[contract].address,
    };
  }

  async study(studyId: string): Promise<OnChainStudy | null> {
    const s = await this.contract("StudyRegistry").study(BigInt(studyId));
    const status = STUDY_STATUS[Number(s.status)];
    if (!status) return null;
    return {
      researcher: getAddress(String(s.researcher)),
      status,
      version: Number(s.version),
      approvals: Number(s.approvals),
      rejections: Number(s.rejections),
      protocolHash: String(s.protocolHash).toLowerCase(),
      termsHash: String(s.termsHash).toLowerCase(),
      criteriaHash: String(s.criteriaHash),
      issuerKeyHash: String(s.issuerKeyHash),
    };
  }

  async studyQuorum(): Promise<number> {
    return Number(await this.contract("StudyRegistry").quorum());
  }

  private relayResearch(
    contractName: "StudyRegistry" | "ReleaseRegistry",
    send: (registry: Contract) => Promise<{ wait(): Promise<{ hash: string; logs: unknown[] } | null> }>,
  ) {
    return this.relay(send, contractName, RESEARCH_ERRORS);
  }

  async proposeStudy(studyId: string, researcher: string, h: StudyHashes): Promise<string> {
    const receipt = await this.relayResearch("StudyRegistry", (r) =>
      r.propose(BigInt(studyId), researcher, h.protocolHash, h.termsHash, BigInt(h.criteriaHash), BigInt(h.issuerKeyHash)),
    );
    return receipt.hash;
  }

  async amendStudy(studyId: string, h: StudyHashes): Promise<string> {
    const receipt = await this.relayResearch("StudyRegistry", (r) =>
      r.amend(BigInt(studyId), h.protocolHash, h.termsHash, BigInt(h.criteriaHash), BigInt(h.issuerKeyHash)),
    );
    return receipt.hash;
  }

  studyVoteTypedData(studyId: string, version: number, approve: boolean): TypedData {
    return {
      domain: this.researchDomain("StudyRegistry"),
      types: { StudyVote: RESEARCH_EIP712.types.StudyVote },
      primaryType: "StudyVote",
      message: { studyId, version, approve },
    };
  }

  async relayStudyVote(studyId: string, version: number, approve: boolean, member: string, signature: string): Promise<string> {
    const receipt = await this.relayResearch("StudyRegistry", (r) =>
      r.vote({ studyId: BigInt(studyId), version, approve }, member, signature),
    );
    return receipt.hash;
  }

  async hasVotedOnStudy(studyId: string, version: number, member: string): Promise<boolean> {
    return Boolean(await this.contract("StudyRegistry").hasVoted(BigInt(studyId), version, member));
  }

  async studyStep(studyId: string, step: StudyStep): Promise<string> {
    return (await this.relayResearch("StudyRegistry", (r) => r[step](BigInt(studyId)))).hash;
  }

  async recordRelease(
    studyId: string,
    manifestHash: string,
    datasetHash: string,
    nullifierRoot: string,
    rowCount: number,
    achievedK: number,
  ): Promise<{ releaseId: string; txHash: string }> {
    const registry = this.contract("ReleaseRegistry");
    const receipt = await this.relayResearch("ReleaseRegistry", (r) =>
      r.recordRelease(BigInt(studyId), manifestHash, datasetHash, nullifierRoot, rowCount, achievedK),
    );
    const event = (receipt.logs as { topics: string[]; data: string }[])
      .map((log) => registry.interface.parseLog(log))
      .find((parsed) => parsed?.name === "ReleaseRecorded");
    if (!event) throw new Error("ReleaseRecorded event missing from the receipt");
    return { releaseId: String(event.args.releaseId), txHash: receipt.hash };
  }

  async release(releaseId: string): Promise<OnChainRelease | null> {
    const registry = this.contract("ReleaseRegistry");
    if (BigInt(releaseId) === 0n || BigInt(releaseId) > (await registry.releaseCount())) return null;
    const r = await registry.release(BigInt(releaseId));
    return {
      studyId: String(r.studyId),
      manifestHash: String(r.manifestHash).toLowerCase(),
      datasetHash: String(r.datasetHash).toLowerCase(),
      nullifierRoot: String(r.nullifierRoot).toLowerCase(),
      rowCount: Number(r.rowCount),
      achievedK: Number(r.achievedK),
      status: RELEASE_STATUS[Number(r.status)] ?? "PENDING",
      approvals: Number(r.approvals),
      rejections: Number(r.rejections),
    };
  }

  async isDownloadable(releaseId: string): Promise<boolean> {
    return Boolean(await this.contract("ReleaseRegistry").isDownloadable(BigInt(releaseId)));
  }

  releaseVoteTypedData(releaseId: string, manifestHash: string, approve: boolean): TypedData {
    return {
      domain: this.researchDomain("ReleaseRegistry"),
      types: { ReleaseVote: RESEARCH_EIP712.types.ReleaseVote },
      primaryType: "ReleaseVote",
      message: { releaseId, manifestHash, approve },
    };
  }

  async relayReleaseVote(releaseId: string, manifestHash: string, approve: boolean, member: string, signature: string): Promise<string> {
    const receipt = await this.relayResearch("ReleaseRegistry", (r) =>
      r.vote({ releaseId: BigInt(releaseId), manifestHash, approve }, member, signature),
    );
    return receipt.hash;
  }

  async hasVotedOnRelease(releaseId: string, member: string): Promise<boolean> {
    return Boolean(await this.contract("ReleaseRegistry").hasVoted(BigInt(releaseId), member));
  }

  /** Block number of a mined transaction (null when the chain does not know it). */
  async transactionBlock(txHash: string): Promise<number | null> {
    return (await this.provider.getTransactionReceipt(txHash))?.blockNumber ?? null;
  }

  async setIssuerTrust(keyHash: string, issuer: string, trusted: boolean): Promise<string> {
    const receipt = await this.relay(
      (registry) => (trusted ? registry.addIssuer(BigInt(keyHash), issuer) : registry.removeIssuer(BigInt(keyHash))),
      "TrustedIssuerRegistry",
      ISSUER_ERRORS,
    );
    return receipt.hash;
  }

  async isTrustedIssuer(issuerKeyHash: string): Promise<boolean> {
    return Boolean(await this.contract("TrustedIssuerRegistry").isTrusted(BigInt(issuerKeyHash)));
  }

  async isEnrolled(studyId: string, nullifier: string): Promise<boolean> {
    return Boolean(await this.contract("EligibilityEnrollment").isEnrolled(BigInt(studyId), BigInt(nullifier)));
  }

  async isWithdrawn(studyId: string, nullifier: string): Promise<boolean> {
    return Boolean(await this.contract("EligibilityEnrollment").isWithdrawn(BigInt(studyId), BigInt(nullifier)));
  }

  /** Sends enroll or withdraw with a snarkjs Groth16 proof (b's coordinates swapped for the verifier). */
  private async relayProof(method: "enroll" | "withdraw", studyId: string, proof: unknown, publicSignals: string[]): Promise<string> {
    const { pi_a, pi_b, pi_c } = proof as { pi_a: string[]; pi_b: string[][]; pi_c: string[] };
    const b = [
      [pi_b[0][1], pi_b[0][0]],
      [pi_b[1][1], pi_b[1][0]],
    ];
    const receipt = await this.relay(
      (enrollment) => enrollment[method](BigInt(studyId), [pi_a[0], pi_a[1]], b, [pi_c[0], pi_c[1]], publicSignals),
      "EligibilityEnrollment",
      ENROLLMENT_ERRORS,
    );
    return receipt.hash;
  }

  relayEnrollment(studyId: string, proof: unknown, publicSignals: string[]): Promise<string> {
    return this.relayProof("enroll", studyId, proof, publicSignals);
  }

  relayWithdrawal(studyId: string, proof: unknown, publicSignals: string[]): Promise<string> {
    return this.relayProof("withdraw", studyId, proof, publicSignals);
  }

  async rolesOf(address: string): Promise<Role[]> {
    return rolesFromMask(BigInt(await this.contract("RoleRegistry").roleMask(getAddress(address))));
  }

  /** Grants or revokes a role on chain through the relayer (which must hold the admin role). */
  async setRole(address: string, role: Role, granted: boolean): Promise<string> {
    const roleId = ROLE_NAMES[role] ? await this.contract("RoleRegistry")[ROLE_NAMES[role]]() : "0x" + "00".repeat(32);
    const receipt = await this.relay(
      (registry) => (granted ? registry.grantRole(roleId, getAddress(address)) : registry.revokeRole(roleId, getAddress(address))),
      "RoleRegistry",
      {},
    );
    return receipt.hash;
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
