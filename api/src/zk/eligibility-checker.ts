/** The API's side of eligibility proofs: criteria hashing (Poseidon) and off-chain verification. */
import { buildPoseidon } from "circomlibjs";
import type * as snarkjs from "snarkjs";

import type { ProofChecker } from "../domain/studies/enrollment.service";
import { criteriaHash, encodeCriteria, shareAction, WITHDRAW_ACTION, type PoseidonHash, type StudyCriteria } from "./eligibility-encoding";
import { eligibilityVerificationKey, verifyEligibility, withdrawalVerificationKey } from "./eligibility-prover";

export class EligibilityChecker implements ProofChecker {
  private poseidon: Promise<PoseidonHash> | null = null;
  private readonly vkey: snarkjs.VerificationKey;
  private readonly withdrawalVkey: snarkjs.VerificationKey;
  readonly withdrawAction = String(WITHDRAW_ACTION);

  shareAction(account: string): string {
    return String(shareAction(account));
  }

  constructor(artifactsDir: string) {
    this.vkey = eligibilityVerificationKey(artifactsDir);
    this.withdrawalVkey = withdrawalVerificationKey(artifactsDir);
  }

  async verifyOwnership(proof: unknown, publicSignals: string[]): Promise<boolean> {
    try {
      return await verifyEligibility(this.withdrawalVkey, { proof: proof as snarkjs.Groth16Proof, publicSignals });
    } catch {
      return false;
    }
  }

  private hasher(): Promise<PoseidonHash> {
    this.poseidon ??= buildPoseidon().then((built) => (inputs: bigint[]) => built.F.toObject(built(inputs)));
    return this.poseidon;
  }

  async criteriaHash(criteria: StudyCriteria): Promise<string> {
    return String(criteriaHash(await this.hasher(), encodeCriteria(criteria)));
  }

  async verify(proof: unknown, publicSignals: string[]): Promise<boolean> {
    try {
      return await verifyEligibility(this.vkey, { proof: proof as snarkjs.Groth16Proof, publicSignals });
    } catch {
      return false; // a malformed proof object is simply not a valid proof
    }
  }
}
