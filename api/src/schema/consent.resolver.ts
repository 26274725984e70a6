import { MaxLength } from "class-validator";
import { GraphQLSafeInt } from "graphql-scalars";
import { Arg, ArgsType, Args, Ctx, Field, ID, Mutation, Query, Resolver } from "type-graphql";

import type { Purpose } from "../domain/actors";
import {
  consentState,
  type AccessRequestRow,
  type ConsentRow,
  type ConsentInput as DomainConsentInput,
  type EmergencyAccessView,
} from "../domain/consent/consent.service";
import { requireActor, type RequestContext } from "./context";
import {
  AccessRequest,
  AccessRequestInput,
  AccessRequestStatus,
  Consent,
  ConsentInput,
  ConsentStateEnum,
  ConsentToSign,
  EmergencyAccess,
  RevocationToSign,
} from "./consent.type";
import { ChainWriteStatus, PurposeOfUse } from "./enums";

const toConsent = (row: ConsentRow): Consent => ({
  ...row,
  resourceTypes: [...row.resourceTypes],
  recordIds: [...row.recordIds],
  purpose: row.purpose as PurposeOfUse,
  state: consentState(row, new Date()) as ConsentStateEnum,
  chainStatus: row.chainStatus as ChainWriteStatus,
});
const toEmergency = (view: EmergencyAccessView): EmergencyAccess => ({ ...view, chainStatus: view.chainStatus as ChainWriteStatus });
const toRequest = (row: AccessRequestRow): AccessRequest => ({
  ...row,
  purpose: row.purpose as PurposeOfUse,
  status: row.status as AccessRequestStatus,
});
const toInput = (input: ConsentInput): DomainConsentInput => ({
  ...input,
  purpose: input.purpose as Purpose,
  requestId: input.requestId ?? null,
});

@ArgsType()
class BreakGlassArgs {
  @Field(() => ID)
  patientId: string;

  @Field({ description: "Why emergency access is needed (10–500 characters); shown to the patient." })
  @MaxLength(500)
  reason: string;
}

@Resolver()
export class ConsentResolver {
  @Mutation(() => ConsentToSign, { description: "Patient, step 1: the EIP-712 consent to sign for this input." })
  async prepareConsent(@Arg("input") input: ConsentInput, @Ctx() context: RequestContext): Promise<ConsentToSign> {
    return context.services.consent.prepareConsent(requireActor(context), toInput(input));
  }

  @Mutation(() => Consent, {
    description: "Patient, step 2: the signed consent; the API verifies it and relays it on chain (you need no ETH).",
  })
  async grantConsent(
    @Arg("input") input: ConsentInput,
    @Arg("nonce") nonce: string,
    @Arg("signature") signature: string,
    @Ctx() context: RequestContext,
  ): Promise<Consent> {
    return toConsent(await context.services.consent.grantConsent(requireActor(context), toInput(input), nonce, signature));
  }

  @Mutation(() => RevocationToSign, { description: "Patient, step 1 of revoking: the EIP-712 revocation to sign." })
  async prepareRevocation(@Arg("consentId", () => ID) consentId: string, @Ctx() context: RequestContext): Promise<RevocationToSign> {
    return context.services.consent.prepareRevocation(requireActor(context), consentId);
  }

  @Mutation(() => Consent, { description: "Patient, step 2 of revoking: the signed revocation, relayed on chain." })
  async revokeConsent(
    @Arg("consentId", () => ID) consentId: string,
    @Arg("deadline", () => GraphQLSafeInt) deadline: number,
    @Arg("signature") signature: string,
    @Ctx() context: RequestContext,
  ): Promise<Consent> {
    return toConsent(await context.services.consent.revokeConsent(requireActor(context), consentId, deadline, signature));
  }

  @Query(() => [Consent], { description: "The patient: all consents on their records. A doctor: the consents granted to them." })
  async consents(@Arg("patientId", () => ID) patientId: string, @Ctx() context: RequestContext): Promise<Consent[]> {
    return (await context.services.consent.consents(requireActor(context), patientId)).map(toConsent);
  }

  @Mutation(() => AccessRequest, {
    description: "Doctor: asks the patient for access; the patient answers with grantConsent (requestId) or declineAccessRequest.",
  })
  async requestAccess(@Arg("input") input: AccessRequestInput, @Ctx() context: RequestContext): Promise<AccessRequest> {
    const { patientId, purpose, reason, ...scope } = input;
    return toRequest(await context.services.consent.requestAccess(requireActor(context), patientId, scope, purpose as Purpose, reason));
  }

  @Query(() => [AccessRequest], { description: "Patient: requests for your records. Doctor: your requests." })
  async accessRequests(@Ctx() context: RequestContext): Promise<AccessRequest[]> {
    return (await context.services.consent.accessRequests(requireActor(context))).map(toRequest);
  }

  @Mutation(() => AccessRequest)
  async declineAccessRequest(@Arg("id", () => ID) id: string, @Ctx() context: RequestContext): Promise<AccessRequest> {
    return toRequest(await context.services.consent.declineAccessRequest(requireActor(context), id));
  }

  @Mutation(() => EmergencyAccess, {
    description: "Doctor: time-limited ETREAT access to the patient's emergency profile; recorded on chain and shown to the patient.",
  })
  async breakGlass(@Args() { patientId, reason }: BreakGlassArgs, @Ctx() context: RequestContext): Promise<EmergencyAccess> {
    return toEmergency(await context.services.consent.breakGlass(requireActor(context), patientId, reason));
  }

  @Query(() => [EmergencyAccess], { description: "Patient: every break-glass access to your records, newest first." })
  async emergencyAccesses(@Ctx() context: RequestContext): Promise<EmergencyAccess[]> {
    return (await context.services.consent.emergencyAccesses(requireActor(context))).map(toEmergency);
  }
}
