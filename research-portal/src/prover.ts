/**
 * Proving in the patient's browser: the same encodings as the API and the CLI
 * (api/src/zk/eligibility-encoding.ts), Poseidon from poseidon-lite, snarkjs's browser build,
 * and the committed circuit artifacts served beside the portal. The secret never leaves the
 * browser; only proofs and public signals are sent.
 */
import { keccak256 } from "ethers";
import { poseidon1, poseidon2, poseidon3, poseidon4, poseidon5, poseidon6, poseidon7, poseidon8 } from "poseidon-lite";
import * as snarkjs from "snarkjs";

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

async function prove(
  circuit: "eligibility" | "nullifier-ownership",
  input: snarkjs.CircuitInput,
  onStep: (step: string) => void,
): Promise<Proof> {
  const base = new URL(`./${circuit}/${circuit}`, document.baseURI).toString();
  onStep("checking your credential against the criteria");
  const witness: { type: "mem"; data?: Uint8Array } = { type: "mem" };
  try {
    await snarkjs.wtns.calculate(input, `${base}.wasm`, witness);
  } catch {
    throw new NotEligibleError("Your credential does not meet this study's criteria (or has expired): no proof can be made.");
  }
  onStep("making the zero-knowledge proof");
  return snarkjs.groth16.prove(await provingKey(`${base}.zkey.gz`), witness);
}

const provingKeys = new Map<string, Promise<Uint8Array>>();

/**
 * The proving key, committed and served gzip-compressed (api/src/zk/circuit-artifacts.ts). Web
 * servers differ: some (sirv, which `npm start` and Vite use) send a `.gz` file with
 * `Content-Encoding: gzip`, so the browser inflates it on the way; others send the compressed
 * bytes as they are. The gzip magic number tells which; kept for the page's lifetime.
 */
function provingKey(url: string): Promise<Uint8Array> {
  let key = provingKeys.get(url);
  if (!key) {
    key = (async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`cannot load the proving key (${response.status} ${url})`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
      const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Uint8Array(await new Response(inflated).arrayBuffer());
    })();
    key.catch(() => provingKeys.delete(url));
    provingKeys.set(url, key);
  }
  return key;
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
  onStep: (step: string) => void,
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
  onStep: (step: string) => void,
): Promise<Proof> {
  const bound = action === "withdraw" ? WITHDRAW_ACTION : shareAction(action.share);
  return prove("nullifier-ownership", { secret, scope: BigInt(studyId), action: bound }, onStep);
}
