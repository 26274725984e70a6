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
import { ELIGIBILITY_PUBLIC_SIGNALS } from "../../zk/eligibility-encoding";
import type { StudyReader } from "./study.service";

export interface EnrollmentRow {
  studyId: string;
  nullifier: string;
  txHash: string;
  enrolledAt: Date;
  /** The Groth16 proof and public signals, kept for the ethics board's review of releases. */
  proof: unknown;
  publicSignals: string[];
  withdrawnAt?: Date | null;
}

export interface EnrollmentStore {
  saveEnrollment(row: EnrollmentRow): Promise<void>;
  markWithdrawn(studyId: string, nullifier: string, at: Date, txHash: string): Promise<void>;
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

export class EnrollmentService {
  constructor(
    private readonly store: EnrollmentStore,
    private readonly studies: StudyReader,
    private readonly chain: EnrollmentChain,
    private readonly proofs: ProofChecker,
    private readonly patients: PatientFinder,
    private readonly accessLog: AccessLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

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

  async enroll(studyId: string, proof: unknown, publicSignals: string[]): Promise<EnrollmentRow> {
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
    const txHash = await this.chain.relayEnrollment(studyId, proof, publicSignals);
    const row: EnrollmentRow = { studyId, nullifier: signals.nullifier, txHash, enrolledAt: this.clock(), proof, publicSignals };
    await this.store.saveEnrollment(row);
    // No actor and no patient: the log must not link anyone to the pseudonym.
    await this.anonymousAudit("study.enroll", studyId);
    return row;
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
  async withdraw(
    studyId: string,
    proof: unknown,
    publicSignals: string[],
  ): Promise<{ studyId: string; nullifier: string; txHash: string }> {
    const nullifier = await this.ownership(studyId, proof, publicSignals, "withdraw");
    const txHash = await this.chain.relayWithdrawal(studyId, proof, publicSignals);
    await this.store.markWithdrawn(studyId, nullifier, this.clock(), txHash);
    await this.anonymousAudit("study.withdraw", studyId);
    return { studyId, nullifier, txHash };
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
