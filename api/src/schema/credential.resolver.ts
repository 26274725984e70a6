import { GraphQLJSONObject } from "graphql-scalars";
import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from "type-graphql";

import { requireActor, type RequestContext } from "./context";

@ObjectType({ description: "The credential issuer this custodian runs: register its keyHash in TrustedIssuerRegistry." })
class Issuer {
  @Field(() => [String], { description: "BabyJubJub public key (Ax, Ay), decimal." })
  publicKey: string[];

  @Field({ description: "Poseidon(Ax, Ay), decimal: the circuit's issuerKeyHash." })
  keyHash: string;

  @Field({ description: "Trusted on chain (TrustedIssuerRegistry): proofs under its credentials are accepted." })
  trusted: boolean;
}

@ObjectType({ description: "A patient waiting for an eligibility credential." })
class CredentialRequest {
  @Field(() => ID)
  patientId: string;

  @Field()
  requestedAt: Date;
}

@Resolver()
export class CredentialResolver {
  @Query(() => [CredentialRequest], {
    description: "Issuer: patients who asked for a credential and have none issued since, oldest first. Audited.",
  })
  async credentialRequests(@Ctx() context: RequestContext): Promise<CredentialRequest[]> {
    return context.services.credentials.credentialRequests(requireActor(context));
  }

  @Mutation(() => Date, {
    description:
      "Patient: asks for an eligibility credential, sending only Poseidon(secret); the secret stays with you. The first commitment is pinned: another one is a CONFLICT (see rekeyCredential).",
  })
  async requestCredential(@Arg("commitment") commitment: string, @Ctx() context: RequestContext): Promise<Date> {
    return context.services.credentials.requestCredential(requireActor(context), commitment);
  }

  @Mutation(() => Date, {
    description:
      "Issuer: replaces a patient's pinned commitment after they lost their wallet (identity checked in person), with the reason in the patient's access log. Their old pseudonyms stay enrolled where they are; with the new secret they could join those studies again, which nothing can detect.",
  })
  async rekeyCredential(
    @Arg("patientId", () => ID) patientId: string,
    @Arg("commitment") commitment: string,
    @Arg("reason") reason: string,
    @Ctx() context: RequestContext,
  ): Promise<Date> {
    return context.services.credentials.rekeyCredential(requireActor(context), patientId, commitment, reason);
  }

  @Mutation(() => GraphQLJSONObject, {
    description:
      "Issuer: derives the attributes from the patient's records, signs them (EdDSA-Poseidon) and returns the credential (format medledger-eligibility-credential/2: every active coded condition, at most 256).",
  })
  async issueCredential(@Arg("patientId", () => ID) patientId: string, @Ctx() context: RequestContext): Promise<object> {
    return context.services.credentials.issueCredential(requireActor(context), patientId);
  }

  @Query(() => [GraphQLJSONObject], {
    description: "Patient: your credentials, newest first; save one as credential.json for npm run prove.",
  })
  async myCredentials(@Ctx() context: RequestContext): Promise<object[]> {
    return context.services.credentials.myCredentials(requireActor(context));
  }

  @Query(() => Issuer, { description: "The issuer key this custodian signs credentials with. Public." })
  async issuer(@Ctx() context: RequestContext): Promise<Issuer> {
    const issuer = await context.services.credentials.issuer();
    return { ...issuer, trusted: await context.services.roleAdmin.isTrustedIssuer(issuer.keyHash) };
  }

  @Mutation(() => Boolean, {
    description:
      "Admin only: trusts a credential issuer on chain (TrustedIssuerRegistry) by its key hash and account, through the API's relayer (which must hold the admin role on chain). Returns whether it is trusted now. Audited.",
  })
  async trustIssuer(@Arg("keyHash") keyHash: string, @Arg("issuer") issuer: string, @Ctx() context: RequestContext): Promise<boolean> {
    if (context.authError) throw context.authError;
    return context.services.roleAdmin.setIssuerTrust(context.actor, keyHash, issuer, true);
  }

  @Mutation(() => Boolean, {
    description: "Admin only: stops trusting a credential issuer; proofs under its credentials are refused from now on.",
  })
  async untrustIssuer(@Arg("keyHash") keyHash: string, @Ctx() context: RequestContext): Promise<boolean> {
    if (context.authError) throw context.authError;
    return context.services.roleAdmin.setIssuerTrust(context.actor, keyHash, null, false);
  }
}
