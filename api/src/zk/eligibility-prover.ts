/**
 * Proving and verifying eligibility with snarkjs (the zk adapter: only this folder imports
 * snarkjs in the API). The same calls run in the patient's CLI and, bundled, in the browser.
 */
import { readFileSync } from "node:fs";

import * as snarkjs from "snarkjs";

import { circuitFiles, provingKey } from "./circuit-artifacts";
import { ELIGIBILITY_PUBLIC_SIGNALS, shareAction, WITHDRAW_ACTION, type EligibilityPublicSignal } from "./eligibility-encoding";

export interface EligibilityProof {
  proof: snarkjs.Groth16Proof;
  publicSignals: string[];
}

export class NotEligibleError extends Error {
  override name = "NotEligibleError";
}

function verificationKey(artifactsDir: string, circuit: string): snarkjs.VerificationKey {
  return JSON.parse(readFileSync(circuitFiles(artifactsDir, circuit).vkey, "utf8")) as snarkjs.VerificationKey;
}

export function eligibilityVerificationKey(artifactsDir: string): snarkjs.VerificationKey {
  return verificationKey(artifactsDir, "eligibility");
}

/**
 * Builds the witness and the Groth16 proof. A credential that does not meet the criteria (or
 * is not valid on the proof date, or is not the prover's) has no witness: NotEligibleError.
 */
export async function proveEligibility(
  artifactsDir: string,
  input: Record<string, bigint | bigint[]>,
  onStep: (step: string) => void = () => undefined,
): Promise<EligibilityProof> {
  const { wasm } = circuitFiles(artifactsDir, "eligibility");
  onStep("checking the credential against the criteria (witness)");
  const witness: { type: "mem"; data?: Uint8Array } = { type: "mem" };
  const quiet = console.error;
  console.error = () => undefined; // circom's runtime prints the failing template; the error says it plainly
  try {
    await snarkjs.wtns.calculate(input, wasm, witness);
  } catch {
    throw new NotEligibleError(
      "the credential does not meet the study's criteria, is not valid on the proof date, or is not yours: no proof can be made",
    );
  } finally {
    console.error = quiet;
  }
  onStep("proving (Groth16)");
  const { proof, publicSignals } = await snarkjs.groth16.prove(provingKey(artifactsDir, "eligibility"), witness);
  return { proof, publicSignals };
}

export function verifyEligibility(vkey: snarkjs.VerificationKey, proof: EligibilityProof): Promise<boolean> {
  return snarkjs.groth16.verify(vkey, proof.publicSignals, proof.proof);
}

export function namedSignals(publicSignals: string[]): Record<EligibilityPublicSignal, bigint> {
  if (publicSignals.length !== ELIGIBILITY_PUBLIC_SIGNALS.length)
    throw new Error(`expected ${ELIGIBILITY_PUBLIC_SIGNALS.length} public signals`);
  return Object.fromEntries(ELIGIBILITY_PUBLIC_SIGNALS.map((name, i) => [name, BigInt(publicSignals[i])])) as Record<
    EligibilityPublicSignal,
    bigint
  >;
}

/** Arguments of EligibilityEnrollment.enroll (b's coordinates swapped as the verifier expects). */
export function enrollCalldata(proof: EligibilityProof): {
  a: [string, string];
  b: [[string, string], [string, string]];
  c: [string, string];
  signals: string[];
} {
  const { pi_a, pi_b, pi_c } = proof.proof;
  return {
    a: [pi_a[0], pi_a[1]],
    b: [
      [pi_b[0][1], pi_b[0][0]],
      [pi_b[1][1], pi_b[1][0]],
    ],
    c: [pi_c[0], pi_c[1]],
    signals: proof.publicSignals,
  };
}

/** Public signals of a withdrawal proof (nullifier-ownership circuit), in snarkjs order. */
export const WITHDRAWAL_PUBLIC_SIGNALS = ["nullifier", "scope", "action"] as const;

/** Proves ownership of the study pseudonym, bound to the "withdraw" action (nullifier-ownership circuit). */
export function proveWithdrawal(artifactsDir: string, secret: bigint, studyId: bigint): Promise<EligibilityProof> {
  return proveOwnership(artifactsDir, secret, studyId, WITHDRAW_ACTION);
}

/** A data-sharing proof: the same ownership proof, bound to the sharing account (checked off chain by the API). */
export function proveSharing(artifactsDir: string, secret: bigint, studyId: bigint, account: string): Promise<EligibilityProof> {
  return proveOwnership(artifactsDir, secret, studyId, shareAction(account));
}

/** Proves knowledge of the secret behind the pseudonym Poseidon(secret, scope), bound to `action`. */
export async function proveOwnership(artifactsDir: string, secret: bigint, scope: bigint, action: bigint): Promise<EligibilityProof> {
  const { proof, publicSignals } = await snarkjs.groth16.fullProve(
    { secret, scope, action },
    circuitFiles(artifactsDir, "nullifier-ownership").wasm,
    provingKey(artifactsDir, "nullifier-ownership"),
  );
  return { proof, publicSignals };
}

export function withdrawalVerificationKey(artifactsDir: string): snarkjs.VerificationKey {
  return verificationKey(artifactsDir, "nullifier-ownership");
}

/** Frees snarkjs's worker threads so a CLI can exit. */
export async function releaseProver(): Promise<void> {
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
}
