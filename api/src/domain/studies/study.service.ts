/**
 * The study lifecycle. A researcher proposes a study (terms and protocol kept here, their
 * hashes registered on chain in StudyRegistry); ethics-board members vote with EIP-712
 * signatures the API relays, and the chain applies the m-of-n quorum; the researcher may amend
 * (a new version, voted on again); the board may suspend and resume; researcher or board close.
 * The chain is the source of truth for a study's status: views read it on every request.
 */
import { randomInt } from "node:crypto";

import type { AccessLog } from "../access/access-log";
import { hasRole, type Actor } from "../actors";
import type { TypedData } from "../consent/consent.service";
import { chainOnlyHandler, newIntent, refusal, type ChainIntent, type ChainOutbox, type ChainWriteStatus } from "../outbox/chain-outbox";
import { badInput, conflict, DomainError, forbidden, notFound, unauthenticated } from "../errors";
import type { StudyCriteria } from "../../zk/eligibility-encoding";
import { protocolHash, termsHash, validateTerms, type StudyTerms } from "./study-terms";

export const STUDY_STATUSES = ["PROPOSED", "APPROVED", "REJECTED", "SUSPENDED", "CLOSED"] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];

export interface StudyRow extends StudyTerms {
  id: string;
  researcher: string;
  protocol: string;
  protocolHash: string;
  termsHash: string;
  criteriaHash: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** How the proposal's chain write went (the outbox relays it after the row commits). */
  chainStatus: ChainWriteStatus;
  chainError: string | null;
}

export interface OnChainStudy {
  researcher: string;
  status: StudyStatus;
  version: number;
  approvals: number;
  rejections: number;
  /** The quorum in force when this version was proposed: it decides this version. */
  quorum: number;
  protocolHash: string;
  termsHash: string;
  criteriaHash: string;
  issuerKeyHash: string;
}

export interface StudyHashes {
  protocolHash: string;
  termsHash: string;
  criteriaHash: string;
  issuerKeyHash: string;
}

export type StudyStep = "suspend" | "resume" | "close";

export interface StudyStore {
  /** One transaction: the new study and the intent that proposes it on chain. */
  saveStudy(row: StudyRow, intent: ChainIntent): Promise<void>;
  studyChainStatus(id: string, status: ChainWriteStatus, error: string | null): Promise<void>;
  /**
   * One transaction: the amended row (PENDING) and the intent that amends the study on chain;
   * false, with nothing written, unless the row is still at `fromVersion` with its last chain write confirmed.
   */
  amendStudy(row: StudyRow, fromVersion: number, intent: ChainIntent): Promise<boolean>;
  /** Puts back the terms of a version whose amendment the chain refused. */
  restoreStudy(row: StudyRow): Promise<void>;
  findStudy(id: string): Promise<StudyRow | null>;
  studies(): Promise<StudyRow[]>;
}

/** An ethics-board member's vote as the chain recorded it. */
export interface BoardVote {
  member: string;
  approve: boolean;
  txHash: string;
}

export interface StudyChain {
  study(studyId: string): Promise<OnChainStudy | null>;
  studyQuorum(): Promise<number>;
  proposeStudy(studyId: string, researcher: string, hashes: StudyHashes): Promise<string>;
  /** The transaction that proposed this study, or null (reconciliation after a crash). */
  proposalTx(studyId: string): Promise<string | null>;
  amendStudy(studyId: string, hashes: StudyHashes): Promise<string>;
  /** The transaction that amended this study to `version`, or null (reconciliation after a crash). */
  amendmentTx(studyId: string, version: number): Promise<string | null>;
  /** The ballot a member signs: this version, these terms, approve or reject. */
  studyVoteTypedData(studyId: string, version: number, termsHash: string, approve: boolean): TypedData;
  relayStudyVote(studyId: string, version: number, termsHash: string, approve: boolean, member: string, signature: string): Promise<string>;
  hasVotedOnStudy(studyId: string, version: number, member: string): Promise<boolean>;
  /** The transaction that carried this member's vote on this version, or null. */
  studyVoteTx(studyId: string, version: number, member: string): Promise<string | null>;
  /** Every vote cast on this version, in chain order. */
  studyVotes(studyId: string, version: number): Promise<BoardVote[]>;
  studyStep(studyId: string, step: StudyStep): Promise<string>;
  recoverSigner(typedData: TypedData, signature: string): string;
}

/** What services that depend on a study's state (enrollment, counts, releases) read. */
export interface StudyReader {
  study(studyId: string): Promise<StudyView>;
}

export interface CriteriaHasher {
  criteriaHash(criteria: StudyCriteria): Promise<string>;
}

export interface StudyView extends StudyRow {
  status: StudyStatus;
  approvals: number;
  rejections: number;
  quorum: number;
  /** Open for enrollment: approved on chain, with the terms kept here. */
  open: boolean;
  /** The chain's hashes and version are those of the terms kept here. */
  onChainMatches: boolean;
}

const STUDY_ID = /^\d{1,77}$/;
/** The outbox intents that propose and amend a study on chain. */
export const STUDY_PROPOSAL = "study.propose";
export const STUDY_AMENDMENT = "study.amend";
export const STUDY_VOTE = "study.vote";

/** A study row as an intent payload carries it (JSON: dates as strings). */
type StoredRow = Omit<StudyRow, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };
const fromStored = (row: StoredRow): StudyRow => ({ ...row, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) });

const chainHashesOf = (h: StudyHashes): StudyHashes => ({
  protocolHash: h.protocolHash,
  termsHash: h.termsHash,
  criteriaHash: h.criteriaHash,
  issuerKeyHash: h.issuerKeyHash,
});

export class StudyService {
  constructor(
    private readonly store: StudyStore,
    private readonly chain: StudyChain,
    private readonly hasher: CriteriaHasher,
    private readonly accessLog: AccessLog,
    private readonly outbox: ChainOutbox,
    private readonly clock: () => Date = () => new Date(),
  ) {
    type Proposal = { studyId: string; researcher: string; hashes: StudyHashes };
    outbox.register(STUDY_PROPOSAL, {
      landed: (p) => this.chain.proposalTx((p as Proposal).studyId),
      send: (p) => this.chain.proposeStudy((p as Proposal).studyId, (p as Proposal).researcher, (p as Proposal).hashes),
      confirmed: (p) => this.store.studyChainStatus((p as Proposal).studyId, "CONFIRMED", null),
      failed: (p, reason) => this.store.studyChainStatus((p as Proposal).studyId, "FAILED", reason),
    });
    type Vote = { studyId: string; version: number; termsHash: string; approve: boolean; member: string; signature: string };
    // The chain is the record of votes: nothing to keep here.
    outbox.register(
      STUDY_VOTE,
      chainOnlyHandler(
        (p) => this.chain.studyVoteTx((p as Vote).studyId, (p as Vote).version, (p as Vote).member),
        (p) => {
          const v = p as Vote;
          return this.chain.relayStudyVote(v.studyId, v.version, v.termsHash, v.approve, v.member, v.signature);
        },
      ),
    );
    type Amendment = { studyId: string; version: number; hashes: StudyHashes; previous: StoredRow };
    outbox.register(STUDY_AMENDMENT, {
      landed: (p) => this.chain.amendmentTx((p as Amendment).studyId, (p as Amendment).version),
      send: (p) => this.chain.amendStudy((p as Amendment).studyId, (p as Amendment).hashes),
      confirmed: (p) => this.store.studyChainStatus((p as Amendment).studyId, "CONFIRMED", null),
      // The chain kept the previous version: so does the database, with the reason the amendment was refused.
      failed: (p, reason) =>
        this.store.restoreStudy({
          ...fromStored((p as Amendment).previous),
          chainStatus: "CONFIRMED",
          chainError: `amendment to version ${(p as Amendment).version} refused: ${reason}`,
        }),
    });
  }

  private async audit(actor: Actor, action: string, decision: "ALLOW" | "DENY", reason: string): Promise<void> {
    await this.accessLog.record({ actor: actor.address, patientId: null, recordId: null, action, purpose: "HRESCH", decision, reason });
  }

  private async denied(actor: Actor, action: string, reason: string): Promise<never> {
    await this.audit(actor, action, "DENY", reason);
    throw forbidden(reason);
  }

  private async hashes(terms: StudyTerms, protocol: string): Promise<StudyHashes & { criteriaHash: string }> {
    validateTerms(terms, protocol);
    const protocolHex = protocolHash(protocol);
    return {
      protocolHash: protocolHex,
      termsHash: termsHash(terms, protocolHex),
      criteriaHash: await this.hasher.criteriaHash(terms.criteria),
      issuerKeyHash: terms.issuerKeyHash,
    };
  }

  async proposeStudy(actor: Actor | null, terms: StudyTerms, protocol: string): Promise<StudyView> {
    if (!actor) throw unauthenticated();
    if (!hasRole(actor, "researcher")) await this.denied(actor, "study.propose", "only researchers propose studies");
    const hashes = await this.hashes(terms, protocol);
    // Study ids are public signals of the proofs: random, so they say nothing and never repeat across deployments.
    const id = String(randomInt(1, 2 ** 48 - 1));
    const now = this.clock();
    const row: StudyRow = {
      ...terms,
      ...hashes,
      id,
      researcher: actor.address,
      protocol,
      version: 1,
      createdAt: now,
      updatedAt: now,
      chainStatus: "PENDING",
      chainError: null,
    };
    // The database first: the study and its proposal intent commit together; the outbox puts it on chain.
    const intent = newIntent(STUDY_PROPOSAL, `study:${id}`, { studyId: id, researcher: actor.address, hashes: chainHashesOf(hashes) });
    await this.store.saveStudy(row, intent);
    await this.audit(actor, "study.propose", "ALLOW", `study ${id}`);
    const settled = await this.outbox.settle(intent.id);
    if (settled?.status === "FAILED") throw refusal(settled, "the proposal");
    // A new proposal is PROPOSED whatever the chain says; while the chain is down, answer from the row.
    return this.view((await this.store.findStudy(id)) ?? row, true);
  }

  /** The caller's own study, or FORBIDDEN (audited) for anyone else. */
  private async ownStudy(actor: Actor, studyId: string, action: string): Promise<StudyRow> {
    const row = await this.findRow(studyId);
    if (!hasRole(actor, "researcher") || row.researcher !== actor.address) {
      await this.denied(actor, action, `study ${studyId} belongs to another researcher`);
    }
    return row;
  }

  async amendStudy(actor: Actor | null, studyId: string, terms: StudyTerms, protocol: string): Promise<StudyView> {
    if (!actor) throw unauthenticated();
    const row = await this.ownStudy(actor, studyId, "study.amend");
    const hashes = await this.hashes(terms, protocol);
    const onChain = await this.chain.study(studyId);
    if (onChain && (onChain.status === "SUSPENDED" || onChain.status === "CLOSED")) {
      throw conflict(`study ${studyId} is ${onChain.status.toLowerCase()}: it cannot be amended`);
    }
    if (row.chainStatus === "PENDING") {
      throw conflict(`study ${studyId}'s last change is still on its way to the chain: amend it once it landed`);
    }
    if (row.chainStatus === "FAILED") throw conflict(`the chain refused study ${studyId}'s proposal: it cannot be amended`);
    const version = row.version + 1;
    const amended: StudyRow = {
      ...row,
      ...terms,
      ...hashes,
      protocol,
      version,
      updatedAt: this.clock(),
      chainStatus: "PENDING",
      chainError: null,
    };
    // The database first: the new version and its amendment intent commit together; the outbox puts it on chain.
    const intent = newIntent(STUDY_AMENDMENT, `study:${studyId}:v${version}:${amended.updatedAt.getTime()}`, {
      studyId,
      version,
      hashes: chainHashesOf(hashes),
      previous: row,
    });
    if (!(await this.store.amendStudy(amended, row.version, intent))) throw conflict(`study ${studyId} was changed meanwhile: reload it`);
    await this.audit(actor, "study.amend", "ALLOW", `study ${studyId} version ${version}`);
    const settled = await this.outbox.settle(intent.id);
    if (settled?.status === "FAILED") throw refusal(settled, "the amendment");
    return this.view((await this.store.findStudy(studyId)) ?? amended);
  }

  private async requireBoard(actor: Actor | null, action: string): Promise<Actor> {
    if (!actor) throw unauthenticated();
    if (!hasRole(actor, "ethicsBoard")) await this.denied(actor, action, "only ethics-board members do this");
    return actor;
  }

  /** The EIP-712 vote an ethics-board member signs for the study's current version. */
  async prepareStudyVote(actor: Actor | null, studyId: string, approve: boolean): Promise<TypedData> {
    const member = await this.requireBoard(actor, "study.vote");
    const view = await this.study(studyId);
    if (view.chainStatus !== "CONFIRMED") {
      throw conflict(`study ${studyId}'s proposal is not on chain (${view.chainStatus.toLowerCase()}): there is nothing to vote on yet`);
    }
    if (view.status !== "PROPOSED") throw conflict(`study ${studyId} is ${view.status.toLowerCase()}: there is nothing to vote on`);
    if (!view.onChainMatches) throw conflict(`study ${studyId}'s terms here differ from the chain's: do not vote on it`);
    if (await this.chain.hasVotedOnStudy(studyId, view.version, member.address)) throw conflict("you already voted on this version");
    // The member signs the terms hash of what they read: the chain refuses the vote if the terms changed.
    return this.chain.studyVoteTypedData(studyId, view.version, view.termsHash, approve);
  }

  async castStudyVote(actor: Actor | null, studyId: string, approve: boolean, signature: string): Promise<StudyView> {
    const member = await this.requireBoard(actor, "study.vote");
    const typed = await this.prepareStudyVote(member, studyId, approve);
    if (this.chain.recoverSigner(typed, signature) !== member.address) throw badInput("the signature is not yours, or not for this vote");
    const version = Number((typed.message as { version: number }).version);
    const termsHash = String((typed.message as { termsHash: string }).termsHash);
    // One vote per member and version: the intent's key makes a second cast while the first is on its way a CONFLICT.
    const intent = newIntent(STUDY_VOTE, `study-vote:${studyId}:${version}:${member.address}`, {
      studyId,
      version,
      termsHash,
      approve,
      member: member.address,
      signature,
    });
    if (!(await this.outbox.enqueue(intent))) throw conflict("your vote on this version is already on its way to the chain");
    await this.audit(member, "study.vote", "ALLOW", `study ${studyId} version ${version}: ${approve ? "approve" : "reject"}`);
    const settled = await this.outbox.settle(intent.id);
    if (settled?.status === "FAILED") throw refusal(settled, "the vote");
    return this.study(studyId);
  }

  async changeStatus(actor: Actor | null, studyId: string, step: StudyStep): Promise<StudyView> {
    if (!actor) throw unauthenticated();
    const row = await this.findRow(studyId);
    const owner = hasRole(actor, "researcher") && row.researcher === actor.address;
    const allowed = hasRole(actor, "ethicsBoard") || (step === "close" && owner);
    if (!allowed) {
      await this.denied(
        actor,
        `study.${step}`,
        step === "close" ? "only the study's researcher or the ethics board close it" : "only the ethics board does this",
      );
    }
    const expected: Record<StudyStep, StudyStatus[]> = {
      suspend: ["APPROVED"],
      resume: ["SUSPENDED"],
      close: ["PROPOSED", "APPROVED", "REJECTED", "SUSPENDED"],
    };
    const current = (await this.view(row)).status;
    if (!expected[step].includes(current)) throw conflict(`study ${studyId} is ${current.toLowerCase()}: it cannot ${step}`);
    await this.chain.studyStep(studyId, step);
    await this.audit(actor, `study.${step}`, "ALLOW", `study ${studyId}`);
    return this.study(studyId);
  }

  private async findRow(studyId: string): Promise<StudyRow> {
    const row = STUDY_ID.test(studyId) ? await this.store.findStudy(studyId) : null;
    if (!row) throw notFound("Study");
    return row;
  }

  /**
   * The study with its status read from the chain (the source of truth for votes and status).
   * When the chain does not answer: UNAVAILABLE, or, for a proposal just committed
   * (`newProposal`), the row as PROPOSED with nothing on chain yet.
   */
  private async view(row: StudyRow, newProposal = false): Promise<StudyView> {
    let onChain: OnChainStudy | null;
    let quorum: number;
    try {
      [onChain, quorum] = await Promise.all([this.chain.study(row.id), this.chain.studyQuorum()]);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (!newProposal)
        throw new DomainError("UNAVAILABLE", "The chain does not answer, so the study's status cannot be read now: try again shortly");
      [onChain, quorum] = [null, 0];
    }
    const onChainMatches =
      !!onChain &&
      onChain.version === row.version &&
      onChain.protocolHash === row.protocolHash &&
      onChain.termsHash === row.termsHash &&
      onChain.criteriaHash === row.criteriaHash &&
      onChain.issuerKeyHash === row.issuerKeyHash;
    const status = onChain?.status ?? "PROPOSED";
    return {
      ...row,
      status,
      approvals: onChain?.approvals ?? 0,
      rejections: onChain?.rejections ?? 0,
      // The version's own quorum (a later setQuorum does not change it); the current one for a proposal not on chain yet.
      quorum: onChain?.quorum ?? quorum,
      open: status === "APPROVED" && onChainMatches,
      onChainMatches,
    };
  }

  async study(studyId: string): Promise<StudyView> {
    return this.view(await this.findRow(studyId));
  }

  /** The votes cast on the study's current version, read from the chain (public there too). */
  async votes(actor: Actor | null, studyId: string): Promise<BoardVote[]> {
    if (!actor) throw unauthenticated();
    const view = await this.study(studyId);
    return this.chain.studyVotes(studyId, view.version);
  }

  async studies(filter: { status?: StudyStatus[]; researcher?: string } = {}): Promise<StudyView[]> {
    // A proposal the chain refused never existed for anyone but its researcher.
    const rows = (await this.store.studies()).filter(
      (r) =>
        (!filter.researcher || r.researcher === filter.researcher) && (r.chainStatus !== "FAILED" || r.researcher === filter.researcher),
    );
    const views = await Promise.all(rows.map((row) => this.view(row)));
    return views.filter((v) => !filter.status?.length || filter.status.includes(v.status));
  }
}
