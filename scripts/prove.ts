/**
 * `npm run prove -- --credential cred.json --secret secret.txt --study study.json [--out proof.json]`
 *
 * The patient's side of enrollment: builds the eligibility witness and the Groth16 proof
 * locally, from the credential the issuer signed, the patient's secret (never sent anywhere)
 * and the study's criteria. Writes the proof, its public signals and the calldata for
 * EligibilityEnrollment.enroll. Uses the API's encoding and prover (api/dist), the same code
 * the web portal will bundle.
 *
 * study.json: { "studyId": "42", "criteria": { "minAge": 40, "maxAge": 65, "referenceDate": "2026-11-24",
 *   "sexes": ["female"], "zip3": ["021"], "anyOf": [{ "system": "http://snomed.info/sct", "code": "195967001" }], "noneOf": [] } }
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";

import { buildPoseidon } from "circomlibjs";

import { root } from "./lib/contracts.ts";
import { exitOnError, UserFacingError } from "./lib/log.ts";

const require = createRequire(import.meta.url);
const encoding = require(path.join(root, "api", "dist", "zk", "eligibility-encoding.js"));
const prover = require(path.join(root, "api", "dist", "zk", "eligibility-prover.js"));

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UserFacingError(`Cannot read the ${what} ${file}: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
  }
}

/** A spinner-like progress line with elapsed seconds, so a long proof visibly works. */
function progress(): { step(message: string): void; done(): void } {
  const started = Date.now();
  let label = "";
  const timer = setInterval(() => {
    if (process.stderr.isTTY) process.stderr.write(`\r${label} ${((Date.now() - started) / 1000).toFixed(1)} s `);
  }, 200);
  return {
    step(message) {
      label = message;
      if (process.stderr.isTTY) process.stderr.write("\n");
      else process.stderr.write(`${message}…\n`);
    },
    done() {
      clearInterval(timer);
      process.stderr.write(`${process.stderr.isTTY ? "\n" : ""}done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      credential: { type: "string" },
      secret: { type: "string" },
      study: { type: "string" },
      out: { type: "string", default: "proof.json" },
      date: { type: "string" },
    },
  });
  if (!values.credential || !values.secret || !values.study) {
    throw new UserFacingError(
      "Usage: npm run prove -- --credential cred.json --secret secret.txt --study study.json [--out proof.json] [--date YYYY-MM-DD]",
    );
  }
  let credential;
  let criteria;
  try {
    credential = encoding.credentialFromJson(readJson(values.credential, "credential"));
  } catch (error) {
    throw new UserFacingError(
      error instanceof UserFacingError ? error.message : `The credential is not valid: ${(error as Error).message}`,
    );
  }
  const study = readJson(values.study, "study") as { studyId?: string; criteria?: unknown };
  if (!study.studyId || !/^\d+$/.test(String(study.studyId))) throw new UserFacingError("study.json needs a decimal studyId");
  try {
    criteria = encoding.encodeCriteria(study.criteria);
  } catch (error) {
    throw new UserFacingError(`The study's criteria are not valid: ${(error as Error).message}`);
  }
  const secretText = readFileSync(values.secret, "utf8").trim();
  if (!/^\d{1,78}$/.test(secretText)) throw new UserFacingError("The secret file must hold the decimal secret your wallet generated");

  const built = await buildPoseidon();
  const poseidon = (inputs: bigint[]): bigint => built.F.toObject(built(inputs));
  const proofDate = encoding.dayNumber(values.date ?? new Date().toISOString().slice(0, 10));
  const input = encoding.eligibilityInput(poseidon, credential, BigInt(secretText), criteria, BigInt(study.studyId), proofDate);

  const bar = progress();
  try {
    const proof = await prover.proveEligibility(path.join(root, "circuits", "artifacts"), input, (step: string) => bar.step(step));
    bar.done();
    if (!(await prover.verifyEligibility(prover.eligibilityVerificationKey(path.join(root, "circuits", "artifacts")), proof))) {
      throw new UserFacingError("The proof does not verify: the circuit artifacts are inconsistent (run npm run check:circuits)");
    }
    const signals = prover.namedSignals(proof.publicSignals);
    writeFileSync(
      values.out,
      `${JSON.stringify({ studyId: study.studyId, ...proof, signals: Object.fromEntries(Object.entries(signals).map(([k, v]) => [k, String(v)])), enroll: prover.enrollCalldata(proof) }, null, 2)}\n`,
    );
    console.log(`proof written to ${values.out} (your pseudonym in study ${study.studyId}: ${String(signals.nullifier).slice(0, 12)}…)`);
  } catch (error) {
    bar.done();
    if (error instanceof Error && error.name === "NotEligibleError") throw new UserFacingError(`Not eligible: ${error.message}`);
    throw error;
  } finally {
    await prover.releaseProver();
  }
}

main().catch(exitOnError);
