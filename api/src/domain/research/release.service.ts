/**
 * De-identified releases. A researcher prepares a release of an approved study: the enrolled,
 * non-withdrawn participants who agreed to share, keyed by pseudonym, through Safe Harbor and
 * k-anonymity; its manifest (hashes and counts) goes on chain in ReleaseRegistry. Ethics-board
 * members review every included enrollment (proof, public signals, transaction, a fresh
 * verification) and vote with EIP-712 signatures. The researcher downloads only what the chain
 * says the quorum approved, checked on every download.
 */
import { randomInt } from "node:crypto";

import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

import type { AccessLog } from "../access/access-log";
import { hasRole, type Actor } from "../actors";
import type { TypedData } from "../consent/consent.service";
import { badInput, conflict, forbidden, notFound, unauthenticated } from "../errors";
import { chainOnlyHandler, newIntent, refusal, type ChainIntent, type ChainOutbox, type ChainWriteStatus } from "../outbox/chain-outbox";
import { contentHash } from "../ledger-hash";
import type { EnrollmentRow } from "../studies/enrollment.service";
import type { BoardVote, StudyReader, StudyView } from "../studies/study.service";
import { kAnonymise, safeHarbor, suppressRareCodes, toCsv, type ReleaseField, type ReleaseRow } from "./deidentify";
import { readFacts, type PopulationReader } from "./population";

export type ReleaseStatus = "PENDING" | "APPROVED" | "REJECTED";

export interface OnChainRelease {
  studyId: string;
  manifestHash: string;
  datasetHash: string;
  nullifierRoot: string;
  rowCount: number;
  achievedK: number;
  status: ReleaseStatus;
  approvals: number;
  rejections: number;
  /** The study version the release was recorded under: downloadable only while that version is in force. */
  studyVersion: number;
  /** The quorum when it was recorded: it decides this release. */
  quorum: number;
}

export interface ReleaseManifest {
  studyId: string;
  studyVersion: number;
  termsHash: string;
  fields: ReleaseField[];
  rowCount: number;
  achievedK: number;
  requiredK: number;
  suppressedRows: number;
  /** Condition codes left out because fewer than k released participants have them. */
  suppressedConditionCodes: number;
  generalisation: string;
  deidentification: string;
  datasetHash: string;
  nullifierRoot: string;
  preparedAt: string;
}

export interface ReleaseRecord {
  id: string;
  studyId: string;
  manifest: ReleaseManifest;
  manifestHash: string;
  dataset: ReleaseRow[];
  /** Pseudonyms whose rows are in the dataset (the Merkle tree's leaves). */
  participants: string[];
  /** The transaction that recorded the manifest, once mined (the outbox relays it after the row commits). */
  txHash: string | null;
  chainStatus: ChainWriteStatus;
  preparedBy: string;
  preparedAt: Date;
}

export interface ReleaseStore {
  /** One transaction: the release (PENDING) and the intent that records its manifest on chain. */
  saveRelease(row: ReleaseRecord, intent: ChainIntent): Promise<void>;
  releaseChainStatus(id: string, status: ChainWriteStatus, txHash: string | null): Promise<void>;
  findRelease(id: string): Promise<ReleaseRecord | null>;
  releasesOf(studyId: string): Promise<ReleaseRecord[]>;
}

export interface ReleaseChain {
  recordRelease(
    releaseId: string,
    studyId: string,
    manifestHash: string,
    datasetHash: string,
    nullifierRoot: string,
    rowCount: number,
    achievedK: number,
  ): Promise<string>;
  /** The transaction that recorded this release, or null (reconciliation after a crash). */
  releaseRecordTx(releaseId: string): Promise<string | null>;
  release(releaseId: string): Promise<OnChainRelease | null>;
  isDownloadable(releaseId: string): Promise<boolean>;
  studyQuorum(): Promise<number>;
  releaseVoteTypedData(releaseId: string, manifestHash: string, approve: boolean): TypedData;
  relayReleaseVote(releaseId: string, manifestHash: string, approve: boolean, member: string, signature: string): Promise<string>;
  hasVotedOnRelease(releaseId: string, member: string): Promise<boolean>;
  /** The transaction that carried this member's vote on the release, or null. */
  releaseVoteTx(releaseId: string, member: string): Promise<string | null>;
  /** Every vote cast on the release, in chain order. */
  releaseVotes(releaseId: string): Promise<BoardVote[]>;
  isEnrolled(studyId: string, nullifier: string): Promise<boolean>;
  transactionBlock(txHash: string): Promise<number | null>;
  recoverSigner(typedData: TypedData, signature: string): string;
}

export interface ReleaseParticipantSource {
  enrollments(studyId: string): Promise<EnrollmentRow[]>;
  shares(studyId: string): Promise<{ nullifier: string; patientId: string }[]>;
}

export interface ProofVerifier {
  verify(proof: unknown, publicSignals: string[]): Promise<boolean>;
}

export interface ReleaseView {
  record: ReleaseRecord;
  onChain: OnChainRelease | null;
  quorum: number;
  downloadable: boolean;
}

export interface ReviewedEnrollment {
  nullifier: string;
  txHash: string;
  blockNumber: number | null;
  proof: unknown;
  publicSignals: string[];
  /** A fresh off-chain Groth16 verification against the committed verification key. */
  proofVerifies: boolean;
  /** Still enrolled on chain (not withdrawn). */
  enrolledOnChain: boolean;
  /** The proof's public signals name this study and its approved criteria and issuer. */
  signalsMatchStudy: boolean;
}

export interface ReleaseReview extends ReleaseView {
  enrollments: ReviewedEnrollment[];
  /** The stored dataset still hashes to the manifest's datasetHash. */
  datasetMatches: boolean;
  /** The included pseudonyms still give the manifest's Merkle root. */
  nullifierRootMatches: boolean;
  /** The stored manifest hashes to what the chain recorded. */
  manifestMatchesChain: boolean;
  /** The first de-identified rows as the researcher would receive them (what the board approves). */
  preview: ReleaseRow[];
  /** Votes cast on the release, as the chain recorded them. */
  votes: BoardVote[];
}

/** Rows of a release the board sees before voting. */
export const PREVIEW_ROWS = 20;

export type ReleaseFormat = "JSON" | "CSV" | "FHIR";

/** The outbox intents that record a release's manifest and relay a board member's signed vote. */
export const RELEASE_RECORD = "release.record";
export const RELEASE_VOTE = "release.vote";

/** sha256 of the canonical JSON (RFC 8785), 0x-prefixed as the chain holds it. */
const hashOf = (value: unknown): string => `0x${contentHash(value)}`;

/** Merkle root (OpenZeppelin StandardMerkleTree, leaves uint256) of the included pseudonyms. */
export function nullifierRoot(nullifiers: readonly string[]): string {
  if (!nullifiers.length) return `0x${"00".repeat(32)}`;
  return StandardMerkleTree.of(
    nullifiers.map((n) => [n]),
    ["uint256"],
  ).root.toLowerCase();
}

export class ReleaseService {
  constructor(
    private readonly store: ReleaseStore,
    private readonly studies: StudyReader,
    private readonly participants: ReleaseParticipantSource,
    private readonly population: PopulationReader,
    private readonly chain: ReleaseChain,
    private readonly proofs: ProofVerifier,
    private readonly accessLog: AccessLog,
    private readonly outbox: ChainOutbox,
    private readonly clock: () => Date = () => new Date(),
  ) {
    type Manifest = {
      releaseId: string;
      studyId: string;
      manifestHash: string;
      datasetHash: string;
      nullifierRoot: string;
      rowCount: number;
      achievedK: number;
    };
    outbox.register(RELEASE_RECORD, {
      landed: (p) => this.chain.releaseRecordTx((p as Manifest).releaseId),
      send: (p) => {
        const m = p as Manifest;
        return this.chain.recordRelease(m.releaseId, m.studyId, m.manifestHash, m.datasetHash, m.nullifierRoot, m.rowCount, m.achievedK);
      },
      confirmed: (p, tx) => this.store.releaseChainStatus((p as Manifest).releaseId, "CONFIRMED", tx),
      failed: (p) => this.store.releaseChainStatus((p as Manifest).releaseId, "FAILED", null),
    });
    type Vote = { releaseId: string; manifestHash: string; approve: boolean; member: string; signature: string };
    // The chain is the record of votes: nothing to keep here.
    outbox.register(
      RELEASE_VOTE,
      chainOnlyHandler(
        (p) => this.chain.releaseVoteTx((p as Vote).releaseId, (p as Vote).member),
        (p) => {
          const v = p as Vote;
          return this.chain.relayReleaseVote(v.releaseId, v.manifestHash, v.approve, v.member, v.signature);
        },
      ),
    );
  }

  private audit(
    actor: Actor,
    action: string,
    decision: "ALLOW" | "DENY",
    reason: string,
    patientId: string | null = null,
  ): Promise<unknown> {
    return this.accessLog.record({ actor: actor.address, patientId, recordId: null, action, purpose: "HRESCH", decision, reason });
  }

  private async denied(actor: Actor, action: string, reason: string): Promise<never> {
    await this.audit(actor, action, "DENY", reason);
    throw forbidden(reason);
  }

  private async ownStudy(actor: Actor, studyId: string, action: string): Promise<StudyView> {
    if (!hasRole(actor, "researcher")) await this.denied(actor, action, "only the study's researcher does this");
    const study = await this.studies.study(studyId);
    if (study.researcher !== actor.address) await this.denied(actor, action, `study ${studyId} belongs to another researcher`);
    return study;
  }

  async prepareRelease(actor: Actor | null, studyId: string): Promise<ReleaseView> {
    if (!actor) throw unauthenticated();
    const study = await this.ownStudy(actor, studyId, "research.prepareRelease");
    if (study.status !== "APPROVED" || !study.onChainMatches)
      throw conflict(`study ${studyId} is not approved on chain: nothing can be released`);
    const shares = new Map((await this.participants.shares(studyId)).map((s) => [s.nullifier, s.patientId]));
    const active: { nullifier: string; patientId: string }[] = [];
    for (const enrollment of await this.participants.enrollments(studyId)) {
      const patientId = shares.get(enrollment.nullifier);
      // The chain decides who is still enrolled: a withdrawal relayed elsewhere counts too.
      if (patientId && (await this.chain.isEnrolled(studyId, enrollment.nullifier)))
        active.push({ nullifier: enrollment.nullifier, patientId });
    }
    const k = study.minCohortSize;
    if (active.length < k) {
      throw conflict(`only ${active.length} enrolled participant(s) share data with study ${studyId}; its minimum cohort size k is ${k}`);
    }
    const now = this.clock();
    const day = now.toISOString().slice(0, 10);
    const facts = await readFacts(
      this.population,
      active.map((a) => a.patientId),
      now,
    );
    const nullifierOf = new Map(active.map((a) => [a.patientId, a.nullifier]));
    const rows = facts.map((f) => safeHarbor({ ...f, participant: nullifierOf.get(f.patientId)! }, day, study.requestedFields));
    const anonymous = kAnonymise(rows, k);
    if (!anonymous.rows.length) throw conflict(`no k-anonymous release with k = ${k} exists for these participants`);
    const common = suppressRareCodes(anonymous.rows, k);
    const dataset = [...common.rows].sort((a, b) => a.participant.localeCompare(b.participant));
    const included = dataset.map((r) => r.participant);
    const manifest: ReleaseManifest = {
      studyId,
      studyVersion: study.version,
      termsHash: study.termsHash,
      fields: study.requestedFields,
      rowCount: dataset.length,
      achievedK: anonymous.achievedK,
      requiredK: k,
      suppressedRows: anonymous.suppressedRows + (active.length - facts.length),
      suppressedConditionCodes: common.suppressedCodes,
      generalisation: anonymous.generalisation,
      deidentification:
        "HIPAA Safe Harbor (45 CFR 164.514(b)(2)), then k-anonymity on age band, sex and region, then condition codes held by fewer than k participants removed",
      datasetHash: hashOf(dataset),
      nullifierRoot: nullifierRoot(included),
      preparedAt: now.toISOString(),
    };
    const manifestHash = hashOf(manifest);
    // Release ids are chosen here (random, like study ids), so the release commits before its
    // manifest goes on chain and the outbox can find it there after a crash.
    const releaseId = String(randomInt(1, 2 ** 48 - 1));
    const record: ReleaseRecord = {
      id: releaseId,
      studyId,
      manifest,
      manifestHash,
      dataset,
      participants: included,
      txHash: null,
      chainStatus: "PENDING",
      preparedBy: actor.address,
      preparedAt: now,
    };
    const intent = newIntent(RELEASE_RECORD, `release:${releaseId}`, {
      releaseId,
      studyId,
      manifestHash,
      datasetHash: manifest.datasetHash,
      nullifierRoot: manifest.nullifierRoot,
      rowCount: manifest.rowCount,
      achievedK: manifest.achievedK,
    });
    await this.store.saveRelease(record, intent);
    await this.audit(actor, "research.prepareRelease", "ALLOW", `study ${studyId} release ${releaseId}: ${dataset.length} row(s)`);
    // Each included patient's own trail shows that their de-identified data went into this release.
    const patientOf = new Map(active.map((a) => [a.nullifier, a.patientId]));
    for (const nullifier of included) {
      await this.audit(actor, "research.release.include", "ALLOW", `study ${studyId} release ${releaseId}`, patientOf.get(nullifier)!);
    }
    const settled = await this.outbox.settle(intent.id);
    if (settled?.status === "FAILED") throw refusal(settled, "the release's manifest");
    return this.view((await this.store.findRelease(releaseId)) ?? record);
  }

  private async view(record: ReleaseRecord): Promise<ReleaseView> {
    const [onChain, quorum, downloadable] = await Promise.all([
      this.chain.release(record.id),
      this.chain.studyQuorum(),
      this.chain.isDownloadable(record.id),
    ]);
    return { record, onChain, quorum: onChain?.quorum ?? quorum, downloadable };
  }

  private async findRecord(releaseId: string): Promise<ReleaseRecord> {
    const record = /^\d{1,20}$/.test(releaseId) ? await this.store.findRelease(releaseId) : null;
    if (!record) throw notFound("Release");
    return record;
  }

  /** Releases of a study: its researcher and the ethics board see them. */
  async releases(actor: Actor | null, studyId: string): Promise<ReleaseView[]> {
    if (!actor) throw unauthenticated();
    if (!hasRole(actor, "ethicsBoard")) await this.ownStudy(actor, studyId, "research.releases");
    return Promise.all((await this.store.releasesOf(studyId)).map((r) => this.view(r)));
  }

  private async requireBoard(actor: Actor | null, action: string): Promise<Actor> {
    if (!actor) throw unauthenticated();
    if (!hasRole(actor, "ethicsBoard")) await this.denied(actor, action, "only ethics-board members review releases");
    return actor;
  }

  /** Everything an ethics-board member needs to check a pending release, re-verified now. */
  async releaseReview(actor: Actor | null, releaseId: string): Promise<ReleaseReview> {
    const member = await this.requireBoard(actor, "research.reviewRelease");
    const record = await this.findRecord(releaseId);
    const view = await this.view(record);
    const study = await this.studies.study(record.studyId);
    const byNullifier = new Map((await this.participants.enrollments(record.studyId)).map((e) => [e.nullifier, e]));
    const enrollments: ReviewedEnrollment[] = [];
    for (const nullifier of record.participants) {
      const e = byNullifier.get(nullifier);
      if (!e) {
        enrollments.push({
          nullifier,
          txHash: "",
          blockNumber: null,
          proof: null,
          publicSignals: [],
          proofVerifies: false,
          enrolledOnChain: false,
          signalsMatchStudy: false,
        });
        continue;
      }
      const [, criteriaHash, issuerKeyHash, signalStudy] = e.publicSignals;
      enrollments.push({
        nullifier,
        txHash: e.txHash ?? "",
        blockNumber: e.txHash ? await this.chain.transactionBlock(e.txHash) : null,
        proof: e.proof,
        publicSignals: e.publicSignals,
        proofVerifies: await this.proofs.verify(e.proof, e.publicSignals),
        enrolledOnChain: await this.chain.isEnrolled(record.studyId, nullifier),
        signalsMatchStudy:
          e.publicSignals[0] === nullifier &&
          signalStudy === record.studyId &&
          criteriaHash === study.criteriaHash &&
          issuerKeyHash === study.issuerKeyHash,
      });
    }
    await this.audit(member, "research.reviewRelease", "ALLOW", `release ${releaseId}`);
    return {
      ...view,
      enrollments,
      datasetMatches: hashOf(record.dataset) === record.manifest.datasetHash,
      nullifierRootMatches: nullifierRoot(record.participants) === record.manifest.nullifierRoot,
      manifestMatchesChain: view.onChain?.manifestHash === record.manifestHash && hashOf(record.manifest) === record.manifestHash,
      preview: record.dataset.slice(0, PREVIEW_ROWS),
      votes: await this.chain.releaseVotes(releaseId),
    };
  }

  async prepareReleaseVote(actor: Actor | null, releaseId: string, approve: boolean): Promise<TypedData> {
    const member = await this.requireBoard(actor, "research.voteRelease");
    const record = await this.findRecord(releaseId);
    const onChain = await this.chain.release(releaseId);
    if (!onChain || onChain.status !== "PENDING") throw conflict(`release ${releaseId} is not pending: there is nothing to vote on`);
    if (onChain.manifestHash !== record.manifestHash)
      throw conflict(`release ${releaseId}'s manifest here differs from the chain's: do not vote on it`);
    if (await this.chain.hasVotedOnRelease(releaseId, member.address)) throw conflict("you already voted on this release");
    return this.chain.releaseVoteTypedData(releaseId, record.manifestHash, approve);
  }

  async castReleaseVote(actor: Actor | null, releaseId: string, approve: boolean, signature: string): Promise<ReleaseView> {
    const member = await this.requireBoard(actor, "research.voteRelease");
    const typed = await this.prepareReleaseVote(member, releaseId, approve);
    if (this.chain.recoverSigner(typed, signature) !== member.address) throw badInput("the signature is not yours, or not for this vote");
    const record = await this.findRecord(releaseId);
    const intent = newIntent(RELEASE_VOTE, `release-vote:${releaseId}:${member.address}`, {
      releaseId,
      manifestHash: record.manifestHash,
      approve,
      member: member.address,
      signature,
    });
    if (!(await this.outbox.enqueue(intent))) throw conflict("your vote on this release is already on its way to the chain");
    await this.audit(member, "research.voteRelease", "ALLOW", `release ${releaseId}: ${approve ? "approve" : "reject"}`);
    const settled = await this.outbox.settle(intent.id);
    if (settled?.status === "FAILED") throw refusal(settled, "the vote");
    return this.view(record);
  }

  /**
   * The dataset, for the study's researcher only, and only while the chain says the quorum
   * approved it and the study is not suspended; also refused when a participant has withdrawn
   * since (a new release leaves them out).
   */
  async download(actor: Actor | null, releaseId: string, format: ReleaseFormat): Promise<{ record: ReleaseRecord; content: string }> {
    if (!actor) throw unauthenticated();
    const record = await this.findRecord(releaseId);
    await this.ownStudy(actor, record.studyId, "research.download");
    const deny = async (reason: string): Promise<never> => {
      await this.audit(actor, "research.download", "DENY", `release ${releaseId}: ${reason}`);
      throw forbidden(reason);
    };
    const onChain = await this.chain.release(releaseId);
    if (!onChain || onChain.manifestHash !== record.manifestHash) await deny("the chain does not hold this release's manifest");
    if (!(await this.chain.isDownloadable(releaseId))) {
      await deny(
        `release ${releaseId} is not approved by the ethics board's quorum on chain (status ${onChain!.status.toLowerCase()}), its study is suspended, or it was approved under an earlier version of the study (${onChain!.studyVersion})`,
      );
    }
    if (hashOf(record.dataset) !== record.manifest.datasetHash) await deny("the stored dataset no longer matches its manifest");
    for (const nullifier of record.participants) {
      if (!(await this.chain.isEnrolled(record.studyId, nullifier))) {
        await this.audit(actor, "research.download", "DENY", `release ${releaseId}: a participant withdrew`);
        throw conflict("a participant has withdrawn since this release was prepared: prepare a new release");
      }
    }
    await this.audit(actor, "research.download", "ALLOW", `release ${releaseId} as ${format}`);
    return { record, content: this.render(record, format) };
  }

  private render(record: ReleaseRecord, format: ReleaseFormat): string {
    if (format === "CSV") return toCsv(record.dataset, record.manifest.fields);
    if (format === "JSON") return JSON.stringify({ manifest: record.manifest, rows: record.dataset }, null, 2);
    return JSON.stringify(fhirBundle(record), null, 2);
  }
}

/**
 * A FHIR R4 collection Bundle: one de-identified Patient per row (pseudonym as identifier, no
 * name, no dates, no address beyond the generalised region) and its Conditions (onset year only).
 */
export function fhirBundle(record: ReleaseRecord): Record<string, unknown> {
  const entries = record.dataset.flatMap((row, i) => {
    const ref = `urn:uuid:participant-${i + 1}`;
    const patient = {
      fullUrl: ref,
      resource: {
        resourceType: "Patient",
        identifier: [{ system: `urn:medledger:study:${record.studyId}:pseudonym`, value: row.participant }],
        ...(row.sex && row.sex !== "*" ? { gender: row.sex } : {}),
        ...(row.region ? { address: [{ postalCode: row.region }] } : {}),
        ...(row.ageBand ? { extension: [{ url: "urn:medledger:age-band", valueString: row.ageBand }] } : {}),
      },
    };
    const conditions = (row.conditions ?? []).map((c) => ({
      resource: {
        resourceType: "Condition",
        subject: { reference: ref },
        code: { coding: [{ system: c.system, code: c.code, ...(c.display ? { display: c.display } : {}) }] },
        ...(c.onsetYear ? { onsetDateTime: String(c.onsetYear) } : {}),
      },
    }));
    return [patient, ...conditions];
  });
  return {
    resourceType: "Bundle",
    type: "collection",
    meta: { tag: [{ system: "urn:medledger:release", code: record.id }] },
    entry: entries,
  };
}
