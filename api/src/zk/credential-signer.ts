/** The issuer's BabyJubJub key (EdDSA-Poseidon, circomlibjs): signs credential messages. */
import { buildEddsa, buildPoseidon, type Eddsa } from "circomlibjs";

import type { CredentialSigner } from "../domain/credentials/credential.service";
import { credentialMessage, issuerKeyHash, type Credential, type CredentialAttributes, type PoseidonHash } from "./eligibility-encoding";

export class BabyJubJubSigner implements CredentialSigner {
  private tools: Promise<{ eddsa: Eddsa; poseidon: PoseidonHash }> | null = null;

  constructor(private readonly privateKey: Buffer) {
    if (privateKey.length !== 32) throw new Error("the issuer key must be 32 bytes");
  }

  private load(): Promise<{ eddsa: Eddsa; poseidon: PoseidonHash }> {
    this.tools ??= Promise.all([buildEddsa(), buildPoseidon()]).then(([eddsa, built]) => ({
      eddsa,
      poseidon: (inputs: bigint[]) => built.F.toObject(built(inputs)),
    }));
    return this.tools;
  }

  async publicKey(): Promise<[bigint, bigint]> {
    const { eddsa } = await this.load();
    const [x, y] = eddsa.prv2pub(this.privateKey);
    return [eddsa.F.toObject(x), eddsa.F.toObject(y)];
  }

  async keyHash(): Promise<bigint> {
    const { poseidon } = await this.load();
    return issuerKeyHash(poseidon, await this.publicKey());
  }

  async sign(attributes: CredentialAttributes): Promise<Credential> {
    const { eddsa, poseidon } = await this.load();
    const signature = eddsa.signPoseidon(this.privateKey, eddsa.F.e(credentialMessage(poseidon, attributes)));
    return {
      ...attributes,
      issuerPublicKey: await this.publicKey(),
      signature: { R8: [eddsa.F.toObject(signature.R8[0]), eddsa.F.toObject(signature.R8[1])], S: signature.S },
    };
  }
}
