/** EligibilityEnrollment and TrustedIssuerRegistry reads: anonymous enrollment and withdrawal with Groth16 proofs. */
import type { DomainErrorCode } from "../domain/errors";
import type { EnrollmentChain } from "../domain/studies/enrollment.service";

import { ChainFamily } from "./chain-connection";

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

export class EnrollmentChainAdapter extends ChainFamily implements EnrollmentChain {
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

  enrollmentTx(studyId: string, nullifier: string): Promise<string | null> {
    return this.findEvent("EligibilityEnrollment", (c) => c.filters.Enrolled(BigInt(studyId), BigInt(nullifier)));
  }

  withdrawalTx(studyId: string, nullifier: string): Promise<string | null> {
    return this.findEvent("EligibilityEnrollment", (c) => c.filters.Withdrawn(BigInt(studyId), BigInt(nullifier)));
  }
}
