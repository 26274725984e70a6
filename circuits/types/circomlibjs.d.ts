/** The parts of circomlibjs 0.1.7 MedLedger uses (the package ships no types). */
declare module "circomlibjs" {
  export interface Field {
    toObject(element: Uint8Array): bigint;
    e(value: bigint | number | string): Uint8Array;
  }
  export interface Poseidon {
    (inputs: (bigint | number | string | Uint8Array)[]): Uint8Array;
    F: Field;
  }
  export function buildPoseidon(): Promise<Poseidon>;
  export interface Eddsa {
    F: Field;
    prv2pub(privateKey: Uint8Array): [Uint8Array, Uint8Array];
    signPoseidon(privateKey: Uint8Array, message: Uint8Array): { R8: [Uint8Array, Uint8Array]; S: bigint };
    verifyPoseidon(
      message: Uint8Array,
      signature: { R8: [Uint8Array, Uint8Array]; S: bigint },
      publicKey: [Uint8Array, Uint8Array],
    ): boolean;
  }
  export function buildEddsa(): Promise<Eddsa>;
}
