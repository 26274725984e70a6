/**
 * A patient joining a study the way their own device does, over HTTP: ask for a credential,
 * have the hospital's issuer issue it, prove eligibility and enroll (no sign-in), then agree to
 * share with a sharing proof bound to their account. Real proofs (Groth16 over the committed keys).
 */
import { randomBytes } from "node:crypto";

import { buildPoseidon } from "circomlibjs";

import { REPO_ROOT } from "../config/config";
import { credentialFromJson, dayNumber, eligibilityInput, encodeCriteria, type StudyCriteria } from "../zk/eligibility-encoding";
import { proveEligibility, proveSharing } from "../zk/eligibility-prover";
import { graphql } from "./test-environment";

const ARTIFACTS = `${REPO_ROOT}/circuits/artifacts`;

export interface Joiner {
  /** The patient's session token and address. */
  token: string;
  address: string;
  patientId: string;
}

async function ok<T>(result: Promise<{ data?: T; errors?: { message: string }[] }>): Promise<T> {
  const { data, errors } = await result;
  if (errors?.length) throw new Error(errors[0].message);
  return data!;
}

/** Enrolls `patient` in `studyId` and shares their de-identified data; returns the pseudonym (nullifier). */
export async function enrollAndShareOverHttp(
  url: string,
  patient: Joiner,
  issuerToken: string,
  studyId: string,
  criteria: StudyCriteria,
): Promise<string> {
  const built = await buildPoseidon();
  const poseidon = (inputs: bigint[]): bigint => built.F.toObject(built(inputs)) as bigint;
  const secret = BigInt(`0x${randomBytes(30).toString("hex")}`);
  await ok(graphql(url, "mutation($c: String!) { requestCredential(commitment: $c) }", { c: String(poseidon([secret])) }, patient.token));
  await ok(graphql(url, "mutation($p: ID!) { issueCredential(patientId: $p) }", { p: patient.patientId }, issuerToken));
  const { myCredentials } = await ok(graphql<{ myCredentials: unknown[] }>(url, "{ myCredentials }", {}, patient.token));
  const credential = credentialFromJson(myCredentials[myCredentials.length - 1]);
  const today = dayNumber(new Date().toISOString().slice(0, 10));
  const eligibility = await proveEligibility(
    ARTIFACTS,
    eligibilityInput(poseidon, credential, secret, encodeCriteria(criteria), BigInt(studyId), today),
  );
  const { enroll } = await ok(
    graphql<{ enroll: { nullifier: string } }>(
      url,
      "mutation($s: String!, $p: JSONObject!, $sig: [String!]!) { enroll(studyId: $s, proof: $p, publicSignals: $sig) { nullifier } }",
      { s: studyId, p: eligibility.proof, sig: eligibility.publicSignals },
    ),
  );
  const share = await proveSharing(ARTIFACTS, secret, BigInt(studyId), patient.address);
  await ok(
    graphql(
      url,
      "mutation($s: String!, $p: JSONObject!, $sig: [String!]!) { shareWithStudy(studyId: $s, proof: $p, publicSignals: $sig) { nullifier } }",
      { s: studyId, p: share.proof, sig: share.publicSignals },
      patient.token,
    ),
  );
  return enroll.nullifier;
}
