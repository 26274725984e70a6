/**
 * Proving in the patient's browser: the same encodings as the API and the CLI
 * (api/src/zk/eligibility-encoding.ts), Poseidon from poseidon-lite, snarkjs's browser build in
 * a Web Worker (prove.worker.ts), and the committed circuit artifacts served beside the portal. The secret never leaves the
 * browser; only proofs and public signals are sent.
 */
import { keccak256 } from "ethers";
import { poseidon1, poseidon2, poseidon3, poseidon4, poseidon5, poseidon6, poseidon7, poseidon8 } from "poseidon-lite";
import type * as snarkjs from "snarkjs";

import {
  credentialFromJson,
  dayNumber,
  eligibilityInput,
  encodeCriteria,
  shareAction,
  WITHDRAW_ACTION,
  type CredentialJson,
  type PoseidonHash,
  type StudyCriteria,
} from "../../api/src/zk/eligibility-encoding";
import type { ProveReply, ProveRequest } from "./prove.worker";

const POSEIDON = [poseidon1, poseidon2, poseidon3, poseidon4, poseidon5, poseidon6, poseidon7, poseidon8];

/** circomlib's Poseidon over 1 to 8 inputs. */
export const poseidon: PoseidonHash = (inputs) => {
  const hash = POSEIDON[inputs.length - 1];
  if (!hash) throw new Error(`Poseidon over ${inputs.length} inputs is not available`);
  return hash(inputs);
};

export class NotEligibleError extends Error {}

export interface Proof {
  proof: snarkjs.Groth16Proof;
  publicSignals: string[];
}

/** One worker for the page, started on the first proof; requests are told apart by id. */
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<
  number,
  { onStep: (step: string, fraction?: number) => void; resolve: (p: Proof) => void; reject: (e: Error) => void }
>();

function proverWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL("./prove.worker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (event: MessageEvent<ProveReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    if (reply.kind === "step") return waiting.onStep(reply.text, reply.fraction);
    pending.delete(reply.id);
    if (reply.kind === "done") waiting.resolve({ proof: reply.proof, publicSignals: reply.publicSignals });
    else waiting.reject(reply.notEligible ? new NotEligibleError(reply.message) : new Error(reply.message));
  };
  worker.onerror = (event) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`the prover stopped: ${event.message}`));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** Proves in the worker; `onStep` hears each stage and the share of the work done (0 to 1). */
function prove(
  circuit: "eligibility" | "nullifier-ownership",
  input: snarkjs.CircuitInput,
  onStep: (step: string, fraction?: number) => void,
): Promise<Proof> {
  const id = nextId++;
  const base = new URL("./", document.baseURI).toString();
  return new Promise<Proof>((resolve, reject) => {
    pending.set(id, { onStep, resolve, reject });
    proverWorker().postMessage({ id, circuit, input, base } satisfies ProveRequest);
  });
}

/**
 * The fixed message whose wallet signature derives the patient's secret (as Semaphore identities
 * are derived): wallets sign deterministically (RFC 6979), so any browser with the same wallet
 * gets the same secret back, and a lost browser never means a second pseudonym.
 */
export const PSEUDONYM_MESSAGE =
  "MedLedger pseudonym secret, version 1.\n\nSigning this derives the secret behind your study pseudonyms. It is not a transaction and costs nothing. Sign it only in the MedLedger portal: whoever holds this signature can act as your pseudonyms.";

/** The secret from that signature: keccak256 of it, cut to 31 bytes (below the field modulus). */
export function secretFromSignature(signature: string): bigint {
  return BigInt(keccak256(signature)) >> 8n;
}

export const commitmentOf = (secret: bigint): bigint => poseidon([secret]);

export function proveEligibility(
  credential: CredentialJson,
  secret: bigint,
  criteria: StudyCriteria,
  studyId: string,
  onStep: (step: string, fraction?: number) => void,
): Promise<Proof> {
  const input = eligibilityInput(
    poseidon,
    credentialFromJson(credential),
    secret,
    encodeCriteria(criteria),
    BigInt(studyId),
    dayNumber(new Date()),
  );
  return prove("eligibility", input, onStep);
}

/** An ownership proof: for withdrawing, or for sharing as `account` (the signed-in patient). */
export function proveOwnership(
  secret: bigint,
  studyId: string,
  action: "withdraw" | { share: string },
  onStep: (step: string, fraction?: number) => void,
): Promise<Proof> {
  const bound = action === "withdraw" ? WITHDRAW_ACTION : shareAction(action.share);
  return prove("nullifier-ownership", { secret, scope: BigInt(studyId), action: bound }, onStep);
}
