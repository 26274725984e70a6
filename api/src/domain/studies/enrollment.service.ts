/**
 * Studies' eligibility criteria and anonymous enrollment.
 *
 * A researcher or ethics-board member describes a study's criteria in words; the API encodes
 * them (the circuit's encoding) and returns the criteria hash an ethics-board member then opens
 * the study with on chain (StudyGate). Patients see open studies with their criteria in words.
 * Enrollment takes a proof made on the patient's side, verifies it off chain first (a clear
 * BAD_USER_INPUT), and relays it to EligibilityEnrollment. Enrollment needs no sign-in and
 * records no caller: the API must not link an account to a study pseudonym.
 */
import type { AccessLog } from "../access/access-log";
import { hasRole, type Actor } from "../actors";
import { badInput, conflict, forbidden, notFound, unauthenticated } from "../errors";
import { ELIGIBILITY_PUBLIC_SIGNALS, encodeCriteria, type StudyCriteria } from "../../zk/eligibility-encoding";

export interface StudyRow {
  id: string;
  criteria: StudyCriteria;
  criteriaHash: string;
  issuerKeyHash: string;
  describedBy: string;
  createdAt: Date;
}

export interface EnrollmentRow {
  studyId: string;
  nullifier: string;
  txHash: string;
  enrolledAt: Date;
}

export interface StudyStore {
  saveStudy(row: StudyRow): Promise<void>;
  findStudy(id: string): Promise<StudyRow | null>;
  studies(): Promise<StudyRow[]>;
  saveEnrollment(row: EnrollmentRow): Promise<void>;
  markWithdrawn(studyId: string, nullifier: string, at: Date, txHash: string): Promise<void>;
}

export interface OnChainStudy {
  criteriaHash: string;
  issuerKeyHash: string;
  open: boolean;
}

export interface StudyChain {
  study(studyId: string): Promise<OnChainStudy | null>;
  isTrustedIssuer(issuerKeyHash: string): Promise<boolean>;
  isEnrolled(studyId: string, nullifier: string): Promise<boolean>;
  relayEnrollment(studyId: string, proof: unknown, publicSignals: string[]): Promise<string>;
  relayWithdrawal(studyId: string, proof: unknown, publicSignals: string[]): Promise<string>;
}

export interface ProofChecker {
  /** The criteria hash of encoded criteria (Poseidon, as in the circuit). */
  criteriaHash(criteria: StudyCriteria): Promise<string>;
  /** Verifies a Groth16 eligibility proof against the committed verification key. */
  verify(proof: unknown, publicSignals: string[]): Promise<boolean>;
  /** Verifies a withdrawal proof (nullifier-ownership circuit). */
  verifyWithdrawal(proof: unknown, publicSignals: string[]): Promise<boolean>;
  /** The action a withdrawal proof must be bound to. */
  readonly withdrawAction: string;
}

export interface StudyView extends StudyRow {
  open: boolean;
  /** The chain's criteria and issuer are the ones described here. */
  onChainMatches: boolean;
}

const STUDY_ID = /^\d{1,77}$/;
const FIELD_ELEMENT = /^\d{1,78}$/;

export class EnrollmentService {
  constructor(
    private readonly store: StudyStore,
    private readonly chain: StudyChain,
    private readonly proofs: ProofChecker,
    private readonly accessLog: AccessLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async describeStudy(actor: Actor | null, studyId: string, criteria: StudyCriteria, issuerKeyHash: string): Promise<StudyView> {
    if (!actor) throw unauthenticated();
    if (!hasRole(actor, "researcher") && !hasRole(actor, "ethicsBoard"))
      throw forbidden("only researchers and ethics-board members describe studies");
    if (!STUDY_ID.test(studyId)) throw badInput("studyId must be a decimal number");
    if (!FIELD_ELEMENT.test(issuerKeyHash)) throw badInput("issuerKeyHash must be the decimal Poseidon hash of the issuer's key");
    try {
      encodeCriteria(criteria);
    } catch (error) {
      throw badInput(`criteria: ${(error as Error).message}`);
    }
    if (await this.store.findStudy(studyId)) throw conflict(`study ${studyId} is already described`);
    const row: StudyRow = {
      id: studyId,
      criteria,
      criteriaHash: await this.proofs.criteriaHash(criteria),
      issuerKeyHash,
      describedBy: actor.address,
      createdAt: this.clock(),
    };
    await this.store.saveStudy(row);
    return this.view(row);
  }

  private async view(row: StudyRow): Promise<StudyView> {
    const onChain = await this.chain.study(row.id);
    return {
      ...row,
      open: onChain?.open ?? false,
      onChainMatches: !!onChain && onChain.criteriaHash === row.criteriaHash && onChain.issuerKeyHash === row.issuerKeyHash,
    };
  }

  /** Studies patients can see: open on chain with the criteria described here. */
  async openStudies(): Promise<StudyView[]> {
    const views = await Promise.all((await this.store.studies()).map((row) => this.view(row)));
    return views.filter((v) => v.open && v.onChainMatches);
  }

  async study(studyId: string): Promise<StudyView> {
    const row = STUDY_ID.test(studyId) ? await this.store.findStudy(studyId) : null;
    if (!row) throw notFound("Study");
    return this.view(row);
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
    const study = await this.study(studyId);
    if (!study.open || !study.onChainMatches) throw conflict(`study ${studyId} is not open for enrollment`);
    if (signals.criteriaHash !== study.criteriaHash) throw badInput("the proof is for other criteria than this study's");
    if (signals.issuerKeyHash !== study.issuerKeyHash || !(await this.chain.isTrustedIssuer(signals.issuerKeyHash))) {
      throw badInput("the credential behind the proof is not from this study's trusted issuer");
    }
    if (!(await this.proofs.verify(proof, publicSignals))) throw badInput("the proof does not verify");
    if (await this.chain.isEnrolled(studyId, signals.nullifier)) throw conflict("already enrolled in this study");
    const txHash = await this.chain.relayEnrollment(studyId, proof, publicSignals);
    const row = { studyId, nullifier: signals.nullifier, txHash, enrolledAt: this.clock() };
    await this.store.saveEnrollment(row);
    // No actor and no patient: the log must not link anyone to the pseudonym.
    await this.accessLog.record({
      actor: null,
      patientId: null,
      recordId: null,
      action: "study.enroll",
      purpose: "HRESCH",
      decision: "ALLOW",
      reason: `study ${studyId}`,
    });
    return row;
  }

  /**
   * Withdraws a participant: a proof that the caller knows the secret behind the nullifier,
   * bound to this study and to the "withdraw" action. Like enroll, no sign-in, no caller logged.
   */
  async withdraw(studyId: string, proof: unknown, publicSignals: string[]): Promise<EnrollmentRow> {
    if (publicSignals.length !== 3 || publicSignals.some((s) => !FIELD_ELEMENT.test(s))) {
      throw badInput("publicSignals must be the 3 decimal signals of the withdrawal proof (nullifier, scope, action)");
    }
    const [nullifier, scope, action] = publicSignals;
    if (scope !== studyId) throw badInput(`the proof is for study ${scope}, not ${studyId}`);
    if (action !== this.proofs.withdrawAction) throw badInput("the proof is not bound to the withdraw action");
    await this.study(studyId);
    if (!(await this.proofs.verifyWithdrawal(proof, publicSignals))) throw badInput("the proof does not verify");
    if (!(await this.chain.isEnrolled(studyId, nullifier))) throw conflict("not enrolled in this study (or already withdrawn)");
    const txHash = await this.chain.relayWithdrawal(studyId, proof, publicSignals);
    const at = this.clock();
    await this.store.markWithdrawn(studyId, nullifier, at, txHash);
    await this.accessLog.record({
      actor: null,
      patientId: null,
      recordId: null,
      action: "study.withdraw",
      purpose: "HRESCH",
      decision: "ALLOW",
      reason: `study ${studyId}`,
    });
    return { studyId, nullifier, txHash, enrolledAt: at };
  }
}
