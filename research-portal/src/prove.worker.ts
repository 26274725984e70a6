/**
 * Proving off the page's thread: witness and Groth16 proof in a Web Worker, so the page stays
 * responsive and can show progress. snarkjs reports its stages through a logger; they become a
 * fraction of the work done. The proving key is fetched once per worker (see provingKey).
 */
import * as snarkjs from "snarkjs";

export interface ProveRequest {
  id: number;
  circuit: "eligibility" | "nullifier-ownership";
  input: snarkjs.CircuitInput;
  /** The folder the circuit artifacts are served from (the portal's base URL). */
  base: string;
}

export type ProveReply =
  | { id: number; kind: "step"; text: string; fraction: number }
  | { id: number; kind: "done"; proof: snarkjs.Groth16Proof; publicSignals: string[] }
  | { id: number; kind: "error"; message: string; notEligible: boolean };

/** snarkjs's log lines during groth16.prove, in the order it writes them, with the share of the work done by then. */
const STAGES: [RegExp, number, string][] = [
  [/^Reading Wtns/, 0.12, "reading the witness"],
  [/^Reading Coeffs/, 0.15, "reading the circuit"],
  [/^Building ABC/, 0.2, "building the constraint values"],
  [/^Join ABC/, 0.3, "building the constraint values"],
  [/^Reading A Points/, 0.35, "reading the proving key"],
  [/^Reading H Points/, 0.45, "reading the proving key"],
  [/multiexp A/i, 0.55, "computing the proof"],
  [/multiexp B1/i, 0.65, "computing the proof"],
  [/multiexp B2/i, 0.75, "computing the proof"],
  [/multiexp C/i, 0.85, "computing the proof"],
  [/multiexp H/i, 0.95, "computing the proof"],
];

const provingKeys = new Map<string, Promise<Uint8Array>>();

/**
 * The proving key, committed and served gzip-compressed (api/src/zk/circuit-artifacts.ts). Web
 * servers differ: some (sirv, which `npm start` and Vite use) send a `.gz` file with
 * `Content-Encoding: gzip`, so the browser inflates it on the way; others send the compressed
 * bytes as they are. The gzip magic number tells which.
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

self.onmessage = async (event: MessageEvent<ProveRequest>) => {
  const { id, circuit, input, base } = event.data;
  const reply = (message: ProveReply) => self.postMessage(message);
  const path = `${base}${circuit}/${circuit}`;
  let done = 0;
  const step = (text: string, fraction: number) => {
    done = Math.max(done, fraction);
    reply({ id, kind: "step", text, fraction: done });
  };
  const logger = {
    debug: (line: string) => {
      const stage = STAGES.find(([pattern]) => pattern.test(line));
      if (stage) step(stage[2], stage[1]);
    },
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  try {
    step("loading the proving key", 0.02);
    const key = provingKey(`${path}.zkey.gz`);
    step("checking your credential against the criteria", 0.05);
    const witness: { type: "mem"; data?: Uint8Array } = { type: "mem" };
    try {
      await snarkjs.wtns.calculate(input, `${path}.wasm`, witness);
    } catch {
      reply({
        id,
        kind: "error",
        message: "Your credential does not meet this study's criteria (or has expired): no proof can be made.",
        notEligible: true,
      });
      return;
    }
    step("loading the proving key", 0.1);
    const { proof, publicSignals } = await snarkjs.groth16.prove(await key, witness, logger);
    reply({ id, kind: "done", proof, publicSignals });
  } catch (error) {
    reply({ id, kind: "error", message: (error as Error).message, notEligible: false });
  }
};
