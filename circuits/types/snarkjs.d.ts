/** The parts of snarkjs 0.7 MedLedger uses (the package ships no types). */
declare module "snarkjs" {
  export interface Groth16Proof {
    pi_a: string[];
    pi_b: string[][];
    pi_c: string[];
    protocol: string;
    curve: string;
  }
  export type PublicSignals = string[];
  export type CircuitInput = Record<string, bigint | string | number | (bigint | string | number)[] | (bigint | string | number)[][]>;
  export interface VerificationKey {
    protocol: string;
    curve: string;
    nPublic: number;
    [key: string]: unknown;
  }
  export const wtns: {
    /** Computes the witness; rejects when a constraint of the circuit fails ("Assert Failed"). */
    calculate(input: CircuitInput, wasmFile: string | Uint8Array, wtnsFile: { type: "mem"; data?: Uint8Array } | string): Promise<void>;
  };
  export const groth16: {
    prove(
      zkeyFile: string | Uint8Array,
      witness: { type: "mem"; data?: Uint8Array } | string,
      logger?: unknown,
    ): Promise<{ proof: Groth16Proof; publicSignals: PublicSignals }>;
    fullProve(
      input: CircuitInput,
      wasmFile: string | Uint8Array,
      zkeyFile: string | Uint8Array,
      logger?: unknown,
    ): Promise<{ proof: Groth16Proof; publicSignals: PublicSignals }>;
    verify(vkey: VerificationKey, publicSignals: PublicSignals, proof: Groth16Proof, logger?: unknown): Promise<boolean>;
    exportSolidityCallData(proof: Groth16Proof, publicSignals: PublicSignals): Promise<string>;
  };
  /** Phase 2 of a Groth16 setup (scripts/ceremony.ts). */
  export const zKey: {
    newZKey(r1csFile: string, ptauFile: string, zkeyFile: string, logger?: unknown): Promise<unknown>;
    /** Adds a contribution; returns its hash. */
    contribute(oldZkey: string, newZkey: string, name: string, entropy: string, logger?: unknown): Promise<Uint8Array>;
    beacon(
      oldZkey: string,
      newZkey: string,
      name: string,
      beaconHashHex: string,
      numIterationsExp: number,
      logger?: unknown,
    ): Promise<unknown>;
    verifyFromR1cs(r1csFile: string, ptauFile: string, zkeyFile: string, logger?: unknown): Promise<boolean>;
  };
  export const powersOfTau: {
    verify(ptauFile: string, logger?: unknown): Promise<boolean>;
  };
}
