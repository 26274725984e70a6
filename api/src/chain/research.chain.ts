/** StudyRegistry and ReleaseRegistry: studies, ethics-board votes and data releases. */
import { readFileSync } from "node:fs";
import path from "node:path";

import { getAddress, isError, type Contract, type Result } from "ethers";

import { REPO_ROOT } from "../config/config";
import type { TypedData } from "../domain/consent/consent.service";
import type { DomainErrorCode } from "../domain/errors";
import type { OnChainRelease, ReleaseChain, ReleaseStatus } from "../domain/research/release.service";
import type { BoardVote, OnChainStudy, StudyChain, StudyHashes, StudyStatus, StudyStep } from "../domain/studies/study.service";
import type { Sent } from "./chain-connection";
import { EnrollmentChainAdapter } from "./enrollment.chain";

import { ChainFamily, walletTypedData } from "./chain-connection";

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
  StudyTermsMismatch: ["CONFLICT", "the vote is for other terms than the study's current ones: read them again and vote"],
  StudyAlreadyVoted: ["CONFLICT", "you already voted on this version"],
  StudyBadSignature: ["BAD_USER_INPUT", "the chain rejected the signature"],
  StudyMissingHash: ["BAD_USER_INPUT", "a study needs protocol, terms, criteria and issuer hashes"],
  ReleaseStudyNotApproved: ["CONFLICT", "the study is not approved on chain"],
  ReleaseAlreadyRecorded: ["CONFLICT", "a release with this id is already on chain"],
  ReleaseBadId: ["BAD_USER_INPUT", "a release id must not be zero"],
  ReleaseUnknown: ["NOT_FOUND", "Release not found on chain"],
  ReleaseNotPending: ["CONFLICT", "the release was already decided"],
  ReleaseManifestMismatch: ["BAD_USER_INPUT", "the vote is for another manifest"],
  ReleaseAlreadyVoted: ["CONFLICT", "you already voted on this release"],
  ReleaseBadSignature: ["BAD_USER_INPUT", "the chain rejected the signature"],
  ReleaseNotEthicsBoard: ["FORBIDDEN", "the signer is not an ethics-board member on chain"],
};

export class ResearchChainAdapter extends ChainFamily implements StudyChain, ReleaseChain {
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
      quorum: Number(s.quorum),
      protocolHash: String(s.protocolHash).toLowerCase(),
      termsHash: String(s.termsHash).toLowerCase(),
      criteriaHash: String(s.criteriaHash),
      issuerKeyHash: String(s.issuerKeyHash),
    };
  }

  async studyQuorum(): Promise<number> {
    return Number(await this.contract("StudyRegistry").quorum());
  }

  private relayResearch(contractName: "StudyRegistry" | "ReleaseRegistry", send: (registry: Contract) => Promise<Sent>) {
    return this.relay(send, contractName, RESEARCH_ERRORS);
  }

  async proposeStudy(studyId: string, researcher: string, h: StudyHashes): Promise<string> {
    const receipt = await this.relayResearch("StudyRegistry", (r) =>
      r.propose(BigInt(studyId), researcher, h.protocolHash, h.termsHash, BigInt(h.criteriaHash), BigInt(h.issuerKeyHash)),
    );
    return receipt.hash;
  }

  proposalTx(studyId: string): Promise<string | null> {
    return this.findEvent("StudyRegistry", (c) => c.filters.StudyProposed(BigInt(studyId)));
  }

  async amendStudy(studyId: string, h: StudyHashes): Promise<string> {
    const receipt = await this.relayResearch("StudyRegistry", (r) =>
      r.amend(BigInt(studyId), h.protocolHash, h.termsHash, BigInt(h.criteriaHash), BigInt(h.issuerKeyHash)),
    );
    return receipt.hash;
  }

  amendmentTx(studyId: string, version: number): Promise<string | null> {
    return this.findEvent(
      "StudyRegistry",
      (c) => c.filters.StudyAmended(BigInt(studyId)),
      (args) => Number(args.version) === version,
    );
  }

  studyVoteTypedData(studyId: string, version: number, termsHash: string, approve: boolean): TypedData {
    return walletTypedData(
      this.researchDomain("StudyRegistry"),
      { StudyVote: RESEARCH_EIP712.types.StudyVote },
      { studyId, version, termsHash, approve },
    );
  }

  async relayStudyVote(
    studyId: string,
    version: number,
    termsHash: string,
    approve: boolean,
    member: string,
    signature: string,
  ): Promise<string> {
    const receipt = await this.relayResearch("StudyRegistry", (r) =>
      r.vote({ studyId: BigInt(studyId), version, termsHash, approve }, member, signature),
    );
    return receipt.hash;
  }

  async hasVotedOnStudy(studyId: string, version: number, member: string): Promise<boolean> {
    return Boolean(await this.contract("StudyRegistry").hasVoted(BigInt(studyId), version, member));
  }

  studyVoteTx(studyId: string, version: number, member: string): Promise<string | null> {
    return this.findEvent("StudyRegistry", (c) => c.filters.StudyVoted(BigInt(studyId), version, member));
  }

  async studyVotes(studyId: string, version: number): Promise<BoardVote[]> {
    const events = await this.connection.events("StudyRegistry", (c) => c.filters.StudyVoted(BigInt(studyId), version));
    return events.map(toVote);
  }

  async releaseVotes(releaseId: string): Promise<BoardVote[]> {
    const events = await this.connection.events("ReleaseRegistry", (c) => c.filters.ReleaseVoted(BigInt(releaseId)));
    return events.map(toVote);
  }

  releaseVoteTx(releaseId: string, member: string): Promise<string | null> {
    return this.findEvent("ReleaseRegistry", (c) => c.filters.ReleaseVoted(BigInt(releaseId), member));
  }

  async studyStep(studyId: string, step: StudyStep): Promise<string> {
    return (await this.relayResearch("StudyRegistry", (r) => r[step](BigInt(studyId)))).hash;
  }

  async recordRelease(
    releaseId: string,
    studyId: string,
    manifestHash: string,
    datasetHash: string,
    nullifierRoot: string,
    rowCount: number,
    achievedK: number,
  ): Promise<string> {
    const receipt = await this.relayResearch("ReleaseRegistry", (r) =>
      r.recordRelease(BigInt(releaseId), BigInt(studyId), manifestHash, datasetHash, nullifierRoot, rowCount, achievedK),
    );
    return receipt.hash;
  }

  releaseRecordTx(releaseId: string): Promise<string | null> {
    return this.findEvent("ReleaseRegistry", (c) => c.filters.ReleaseRecorded(BigInt(releaseId)));
  }

  async release(releaseId: string): Promise<OnChainRelease | null> {
    let r: Result;
    try {
      r = await this.contract("ReleaseRegistry").release(BigInt(releaseId));
    } catch (error) {
      // ReleaseUnknown: not on chain (yet); anything else (the RPC) is the caller's problem.
      if (isError(error, "CALL_EXCEPTION")) return null;
      throw error;
    }
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
      studyVersion: Number(r.studyVersion),
      quorum: Number(r.quorum),
    };
  }

  async isDownloadable(releaseId: string): Promise<boolean> {
    return Boolean(await this.contract("ReleaseRegistry").isDownloadable(BigInt(releaseId)));
  }

  releaseVoteTypedData(releaseId: string, manifestHash: string, approve: boolean): TypedData {
    return walletTypedData(
      this.researchDomain("ReleaseRegistry"),
      { ReleaseVote: RESEARCH_EIP712.types.ReleaseVote },
      { releaseId, manifestHash, approve },
    );
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

  /** Release reviews check each enrollment on chain. */
  isEnrolled(studyId: string, nullifier: string): Promise<boolean> {
    return new EnrollmentChainAdapter(this.connection).isEnrolled(studyId, nullifier);
  }

  transactionBlock(txHash: string): Promise<number | null> {
    return this.connection.transactionBlock(txHash);
  }
}

const toVote = (event: { args: Result; transactionHash: string }): BoardVote => ({
  member: getAddress(String(event.args.member)),
  approve: Boolean(event.args.approve),
  txHash: event.transactionHash,
});
