/**
 * Anonymous enrollment, withdrawal and data sharing.
 *
 * Enrollment takes a proof made on the patient's side, verifies it off chain first (a clear
 * BAD_USER_INPUT), and relays it to EligibilityEnrollment. Enrollment and withdrawal need no
 * sign-in and record no caller: the chain and researchers only ever see the pseudonym
 * (nullifier). Sharing is the one step that tells the custodian which pseudonym is whose: a
 * signed-in patient proves they own an enrolled pseudonym, so the custodian, which holds their
 * records anyway, may include their de-identified data in the study's releases.
 */
import type { AccessLog } from "../access/access-log";
import { hasRole, type Actor } from "../actors";
import { badInput, conflict, forbidden, unauthenticated } from "../errors";
import { newIntent, refusal, type ChainIntent, type ChainOutbox, type ChainWriteStatus } from "../outbox/chain-outbox";
import { ELIGIBILITY_PUBLIC_SIGNALS } from "../../zk/eligibility-encoding";
import type { StudyReader } from "./study.service";

export interface EnrollmentRow {
  studyId: string;
  nullifier: string;
  /** The enrollment transaction, once mined (the outbox relays it after the row commits). */
  txHash: string | null;
  chainStatus: ChainWriteStatus;
  enrolledAt: Date;
  /** The Groth16 proof and public signals, kept for the ethics board's review of releases. */
  proof: unknown;
  publicSignals: string[];
  withdrawnAt?: Date | null;
}

/** What enroll and withdraw answer: the pseudonym and how its chain write went. */
export interface EnrollmentResult {
  studyId: string;
  nullifier: string;
  txHash: string | null;
  chainStatus: ChainWriteStatus;
}

export interface EnrollmentStore {
  /**
   * One transaction: the enrollment (PENDING) and the intent that relays it. False, with
   * nothing written, when the pseudonym already has an enrollment here that is not FAILED.
   */
  saveEnrollment(row: EnrollmentRow, intent: ChainIntent): Promise<boolean>;
  enrollmentChainStatus(studyId: string, nullifier: string, status: ChainWriteStatus, txHash: string | null): Promise<void>;
  /** One transaction: marks the withdrawal PENDING with its intent; false when one is already under way or done. */
  markWithdrawn(studyId: string, nullifier: string, at: Date, intent: ChainIntent): Promise<boolean>;
  withdrawalChainStatus(studyId: string, nullifier: string, status: ChainWriteStatus, txHash: string | null): Promise<void>;
  /** Enrollments the chain confirmed. */
  enrollments(studyId: string): Promise<EnrollmentRow[]>;
  saveShare(studyId: string, nullifier: string, patientId: string, at: Date): Promise<boolean>;
  /** Pseudonym -> patient links of a study: the SYSTEM path release preparation uses. */
  shares(studyId: string): Promise<{ nullifier: string; patientId: string }[]>;
  /** Studies a patient shares data with. */
  sharedStudiesOf(patientId: string): Promise<string[]>;
}

export interface EnrollmentChain {
  isTrustedIssuer(issuerKeyHash: string): Promise<boolean>;
  isEnrolled(studyId: string, nullifier: string): Promise<boolean>;
  isWithdrawn(studyId: string, nullifier: string): Promise<boolean>;
  relayEnrollment(studyId: string, proof: unknown, publicSignals: string[]): Promise<string>;
  relayWithdrawal(studyId: string, proof: unknown, publicSignals: string[]): Promise<string>;
  /** The transactions that enrolled or withdrew this pseudonym, or null (reconciliation after a crash). */
  enrollmentTx(studyId: string, nullifier: string): Promise<string | null>;
  withdrawalTx(studyId: string, nullifier: string): Promise<string | null>;
}

export interface ProofChecker {
  /** Verifies a Groth16 eligibility proof against the committed verification key. */
  verify(proof: unknown, publicSignals: string[]): Promise<boolean>;
  /** Verifies a nullifier-ownership proof (withdrawal, data sharing). */
  verifyOwnership(proof: unknown, publicSignals: string[]): Promise<boolean>;
  /** The action withdrawal proofs are bound to. */
  readonly withdrawAction: string;
  /** The action a sharing proof of this account is bound to. */
  shareAction(account: string): string;
}

export interface PatientFinder {
  findPatientByAccount(address: string): Promise<{ id: string } | null>;
}

const FIELD_ELEMENT = /^\d{1,78}$/;
/** The outbox intents that relay enrollments and withdrawals. */
export const STUDY_ENROLL = "study.enroll";
export const STUDY_WITHDRAW = "study.withdraw";

type ProofIntent = {
  studyId: string;
  nullifier: string;
  proof: unknown;
  publicSignals: string[];
};

export class EnrollmentService {
  constructor(
    private readonly store: EnrollmentStore,
    private readonly studies: StudyReader,
    private readonly chain: EnrollmentChain,
    private readonly proofs: ProofChecker,
    private readonly patients: PatientFinder,
    private readonly accessLog: AccessLog,
    private readonly outbox: ChainOutbox,
    private readonly clock: () => Date = () => new Date(),
  ) {
    outbox.register(STUDY_ENROLL, {
      landed: (p) => this.chain.enrollmentTx((p as ProofIntent).studyId, (p as ProofIntent).nullifier),
      send: (p) => this.chain.relayEnrollment((p as ProofIntent).studyId, (p as ProofIntent).proof, (p as ProofIntent).publicSignals),
      confirmed: (p, tx) => this.store.enrollmentChainStatus((p as ProofIntent).studyId, (p as ProofIntent).nullifier, "CONFIRMED", tx),
      failed: (p) => this.store.enrollmentChainStatus((p as ProofIntent).studyId, (p as ProofIntent).nullifier, "FAILED", null),
    });
    outbox.register(STUDY_WITHDRAW, {
      landed: (p) => this.chain.withdrawalTx((p as ProofIntent).studyId, (p as ProofIntent).nullifier),
      send: (p) => this.chain.relayWithdrawal((p as ProofIntent).studyId, (p as ProofIntent).proof, (p as ProofIntent).publicSignals),
      confirmed: (p, tx) => this.store.withdrawalChainStatus((p as ProofIntent).studyId, (p as ProofIntent).nullifier, "CONFIRMED", tx),
      failed: (p) => this.store.withdrawalChainStatus((p as ProofIntent).studyId, (p as ProofIntent).nullifier, "FAILED", null),
    });
  }

  /** Waits a little for the relay: CONFIRMED with a healthy chain, PENDING while it is away; a refusal is the contract's typed error. */
  private async settled(intent: ChainIntent, studyId: string, nullifier: string, what: string): Promise<EnrollmentResult> {
    const row = await this.outbox.settle(intent.id);
    if (row?.status === "FAILED") throw refusal(row, what);
    const status = row?.status ?? "PENDING";
    return { studyId, nullifier, txHash: status === "CONFIRMED" ? row!.txHash : null, chainStatus: status };
  }

  /**
   * A pseudonym's state in a study, from the chain (public there already): what a patient's
   * client asks with the nullifier it computes from its secret. Needs no sign-in.
   */
  async enrollmentStatus(studyId: string, nullifier: string): Promise<{ enrolled: boolean; withdrawn: boolean }> {
    if (!FIELD_ELEMENT.test(nullifier)) throw badInput("nullifier must be a decimal field element");
    await this.studies.study(studyId);
    const [enrolled, withdrawn] = await Promise.all([
      this.chain.isEnrolled(studyId, nullifier),
      this.chain.isWithdrawn(studyId, nullifier),
    ]);
    return { enrolled, withdrawn };
  }

  /** The signed-in patient's studies they share de-identified data with. */
  async mySharedStudies(actor: Actor | null): Promise<string[]> {
    if (!actor) throw unauthenticated();
    const patient = await this.patients.findPatientByAccount(actor.address);
    return patient ? this.store.sharedStudiesOf(patient.id) : [];
  }

  async enroll(studyId: string, proof: unknown, publicSignals: string[]): Promise<EnrollmentResult> {
    if (publicSignals.length !== ELIGIBILITY_PUBLIC_SIGNALS.length || publicSignals.some((s) => !FIELD_ELEMENT.test(s))) {
      throw badInput(
        `publicSignals must be the ${ELIGIBILITY_PUBLIC_SIGNALS.length} decimal signals of the proof (${ELIGIBILITY_PUBLIC_SIGNALS.join(", ")})`,
      );
    }
    const signals = Object.fromEntries(ELIGIBILITY_PUBLIC_SIGNALS.map((name, i) => [name, publicSignals[i]])) as Record<
      (typeof ELIGIBILITY_PUBLIC_SIGNALS)[number],
      string
    >;
    if (signals.studyId !== studyId) throw badInput(`the proof is for study ${signals.studyId}, not ${studyId}`);
    const study = await this.studies.study(studyId);
    if (!study.open) throw conflict(`study ${studyId} is not open for enrollment`);
    if (signals.criteriaHash !== study.criteriaHash) throw badInput("the proof is for other criteria than this study's");
    if (signals.issuerKeyHash !== study.issuerKeyHash || !(await this.chain.isTrustedIssuer(signals.issuerKeyHash))) {
      throw badInput("the credential behind the proof is not from this study's trusted issuer");
    }
    if (!(await this.proofs.verify(proof, publicSignals))) throw badInput("the proof does not verify");
    if (await this.chain.isEnrolled(studyId, signals.nullifier)) throw conflict("already enrolled in this study");
    // The database first: the enrollment and its relay intent commit together; the outbox puts it on chain.
    const nullifier = signals.nullifier;
    const row: EnrollmentRow = { studyId, nullifier, txHash: null, chainStatus: "PENDING", enrolledAt: this.clock(), proof, publicSignals };
    const payload: ProofIntent = { studyId, nullifier, proof, publicSignals };
    const intent = newIntent(STUDY_ENROLL, `enroll:${studyId}:${nullifier}:${row.enrolledAt.getTime()}`, { ...payload });
    if (!(await this.store.saveEnrollment(row, intent))) throw conflict("already enrolled in this study");
    // No actor and no patient: the log must not link anyone to the pseudonym.
    await this.anonymousAudit("study.enroll", studyId);
    return this.settled(intent, studyId, nullifier, "the enrollment");
  }

  private async anonymousAudit(action: string, studyId: string): Promise<void> {
    await this.accessLog.record({
      actor: null,
      patientId: null,
      recordId: null,
      action,
      purpose: "HRESCH",
      decision: "ALLOW",
      reason: `study ${studyId}`,
    });
  }

  /** Checks a nullifier-ownership proof bound to this study and `action`; returns the nullifier. */
  private async ownership(
    studyId: string,
    proof: unknown,
    publicSignals: string[],
    action: "withdraw" | { share: string },
  ): Promise<string> {
    const name = action === "withdraw" ? "withdraw" : "share";
    const expected = action === "withdraw" ? this.proofs.withdrawAction : this.proofs.shareAction(action.share);
    if (publicSignals.length !== 3 || publicSignals.some((s) => !FIELD_ELEMENT.test(s))) {
      throw badInput(`publicSignals must be the 3 decimal signals of the ${name} proof (nullifier, scope, action)`);
    }
    const [nullifier, scope, bound] = publicSignals;
    if (scope !== studyId) throw badInput(`the proof is for study ${scope}, not ${studyId}`);
    if (bound !== expected) {
      throw badInput(`the proof is not bound to the ${name} action${name === "share" ? " of your account" : ""}`);
    }
    await this.studies.study(studyId);
    if (!(await this.proofs.verifyOwnership(proof, publicSignals))) throw badInput("the proof does not verify");
    if (!(await this.chain.isEnrolled(studyId, nullifier))) throw conflict("not enrolled in this study (or already withdrawn)");
    return nullifier;
  }

  /**
   * Withdraws a participant: a proof that the caller knows the secret behind the nullifier,
   * bound to this study and to the "withdraw" action. Like enroll, no sign-in, no caller logged.
   */
  async withdraw(studyId: string, proof: unknown, publicSignals: string[]): Promise<EnrollmentResult> {
    const nullifier = await this.ownership(studyId, proof, publicSignals, "withdraw");
    const at = this.clock();
    const payload: ProofIntent = { studyId, nullifier, proof, publicSignals };
    const intent = newIntent(STUDY_WITHDRAW, `withdraw:${studyId}:${nullifier}:${at.getTime()}`, { ...payload });
    if (!(await this.store.markWithdrawn(studyId, nullifier, at, intent))) throw conflict("the withdrawal is already under way");
    await this.anonymousAudit("study.withdraw", studyId);
    return this.settled(intent, studyId, nullifier, "the withdrawal");
  }

  /**
   * The signed-in patient lets the custodian include their de-identified data in the study's
   * releases under their pseudonym, proven with a nullifier-ownership proof bound to "share".
   * The access log names the patient and the study, never the pseudonym.
   */
  async shareWithStudy(
    actor: Actor | null,
    studyId: string,
    proof: unknown,
    publicSignals: string[],
  ): Promise<{ studyId: string; nullifier: string }> {
    if (!actor) throw unauthenticated();
    const patient = hasRole(actor, "patient") ? await this.patients.findPatientByAccount(actor.address) : null;
    if (!patient) throw forbidden("only a patient with records shares data with a study");
    const nullifier = await this.ownership(studyId, proof, publicSignals, { share: actor.address });
    if (!(await this.store.saveShare(studyId, nullifier, patient.id, this.clock())))
      throw conflict("this pseudonym already shares data with the study");
    await this.accessLog.record({
      actor: actor.address,
      patientId: patient.id,
      recordId: null,
      action: "study.share",
      purpose: "HRESCH",
      decision: "ALLOW",
      reason: `study ${studyId}: the patient agreed to de-identified release`,
    });
    return { studyId, nullifier };
  }
}
