import { ArrayMaxSize, Max, MaxLength, Min } from "class-validator";
import { GraphQLJSONObject, GraphQLSafeInt } from "graphql-scalars";
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";

import { ChainWriteStatus } from "./enums";
import { PageInfo } from "./record.type";

export enum ClaimStatusEnum {
  SUBMITTED = "SUBMITTED",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  REVIEW = "REVIEW",
}
registerEnumType(ClaimStatusEnum, {
  name: "ClaimStatus",
  description: "Where a claim stands: adjudicated on chain when it is mined.",
  valuesConfig: {
    SUBMITTED: { description: "saved here; waiting for the chain to adjudicate it" },
    APPROVED: { description: "approved: planPays is what the plan pays, patientShare what the patient owes" },
    REJECTED: { description: "rejected: reason says why (README › Claims lists the reasons)" },
    REVIEW: { description: "outside the policy's automatic rules: the insurer decides (reviewClaim)" },
  },
});

export enum ClaimUseEnum {
  CLAIM = "claim",
  PREAUTHORIZATION = "preauthorization",
}
registerEnumType(ClaimUseEnum, { name: "ClaimUse", description: "FHIR Claim.use: a claim, or a prior-authorisation request." });

export enum CoverageStateEnum {
  PROPOSED = "PROPOSED",
  ACTIVE = "ACTIVE",
}
registerEnumType(CoverageStateEnum, {
  name: "CoverageState",
  description: "A coverage the patient registers is PROPOSED until the policy's insurer accepts it; the insurer's own is ACTIVE at once.",
});

@ObjectType({ description: "One procedure code's rule in a policy. Amounts are cents; 0 means no limit." })
export class PolicyRule {
  @Field()
  code: string;

  @Field(() => String, { nullable: true })
  display: string | null;

  @Field()
  covered: boolean;

  @Field()
  priorAuthRequired: boolean;

  @Field(() => [String], { description: "Record types a claim for this code must cite." })
  requiredRecordTypes: string[];

  @Field(() => Int, { description: "The period a limit per period counts over, in days." })
  periodDays: number;

  @Field(() => GraphQLSafeInt)
  maxPerClaim: number;

  @Field(() => GraphQLSafeInt)
  maxPerPeriod: number;

  @Field(() => GraphQLSafeInt, { description: "The patient's fixed share per item." })
  copay: number;

  @Field(() => Float, { description: "The patient's percentage of the rest of each item." })
  coinsurancePercent: number;
}

@InputType()
export class PolicyRuleInput {
  @Field()
  @MaxLength(31)
  code: string;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  display?: string | null;

  @Field({ defaultValue: true })
  covered: boolean;

  @Field({ defaultValue: false })
  priorAuthRequired: boolean;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(8)
  requiredRecordTypes: string[];

  @Field(() => Int, { defaultValue: 0 })
  periodDays: number;

  @Field(() => GraphQLSafeInt, { defaultValue: 0, description: "Cents; 0: no limit." })
  maxPerClaim: number;

  @Field(() => GraphQLSafeInt, { defaultValue: 0, description: "Cents over periodDays; 0: no limit." })
  maxPerPeriod: number;

  @Field(() => GraphQLSafeInt, { defaultValue: 0, description: "Cents the patient pays per item first." })
  copay: number;

  @Field(() => Float, { defaultValue: 0, description: "0 to 100, at most two decimals." })
  @Min(0)
  @Max(100)
  coinsurancePercent: number;
}

@InputType()
export class PolicyInput {
  @Field({ description: "1 to 31 letters, digits, dots, dashes or underscores; the plan value a Coverage names." })
  @MaxLength(31)
  policyId: string;

  @Field()
  @MaxLength(200)
  name: string;

  @Field(() => [PolicyRuleInput])
  @ArrayMaxSize(200)
  rules: PolicyRuleInput[];
}

@ObjectType({ description: "An insurer's policy as code: each publication is a new version on chain." })
export class Policy {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field()
  insurer: string;

  @Field()
  name: string;

  @Field(() => [PolicyRule])
  rules: PolicyRule[];

  @Field()
  publishedAt: Date;

  @Field(() => ChainWriteStatus)
  chainStatus: ChainWriteStatus;

  @Field(() => String, { nullable: true })
  chainError: string | null;

  @Field(() => String, { nullable: true })
  txHash: string | null;
}

@ObjectType({ description: "A patient's coverage under a policy (FHIR Coverage), registered on chain by a salted reference." })
export class Coverage {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  patientId: string;

  @Field()
  policyId: string;

  @Field()
  insurer: string;

  @Field({ description: "First covered day (UTC)." })
  start: string;

  @Field({ description: "Last covered day (UTC)." })
  end: string;

  @Field()
  registeredBy: string;

  @Field(() => CoverageStateEnum)
  state: CoverageStateEnum;

  @Field()
  createdAt: Date;

  @Field(() => GraphQLJSONObject)
  resource: object;

  @Field(() => ChainWriteStatus)
  chainStatus: ChainWriteStatus;

  @Field(() => String, { nullable: true })
  chainError: string | null;

  @Field(() => String, { nullable: true })
  txHash: string | null;
}

@ObjectType()
export class ClaimItem {
  @Field(() => Int)
  sequence: number;

  @Field()
  code: string;

  @Field(() => String, { nullable: true })
  display: string | null;

  @Field({ description: "Service date (UTC)." })
  serviceDate: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => GraphQLSafeInt, { description: "Cents." })
  amount: number;
}

@ObjectType({ description: "A record version the claim cites: disclosed to the chain as its hash, to the insurer as its id and type." })
export class ClaimEvidence {
  @Field(() => ID)
  recordId: string;

  @Field()
  resourceType: string;

  @Field(() => Int)
  version: number;

  @Field({ description: "Where the claim cites it (procedure[0], item[0].encounter[0], supportingInfo[1] …)." })
  where: string;

  @Field({ description: "False when the stored content no longer matched the hash written with it: the chain rejects the claim." })
  intact: boolean;
}

@ObjectType({ description: "A claim (or prior-authorisation request) and its adjudication." })
export class Claim {
  @Field(() => ID, { description: "0x + sha256 of the claim: its id on chain." })
  id: string;

  @Field(() => ID)
  patientId: string;

  @Field(() => ID)
  coverageId: string;

  @Field()
  policyId: string;

  @Field()
  insurer: string;

  @Field()
  provider: string;

  @Field(() => ClaimUseEnum)
  use: ClaimUseEnum;

  @Field(() => ID, { nullable: true })
  priorAuthId: string | null;

  @Field(() => [ClaimItem])
  items: ClaimItem[];

  @Field(() => [ClaimEvidence])
  evidence: ClaimEvidence[];

  @Field()
  currency: string;

  @Field(() => GraphQLSafeInt, { description: "Cents billed." })
  billed: number;

  @Field(() => ClaimStatusEnum)
  status: ClaimStatusEnum;

  @Field({ description: "A reason code (README › Claims); None when approved." })
  reason: string;

  @Field({ description: "What the reason code means." })
  reasonText: string;

  @Field(() => GraphQLSafeInt, { description: "Cents the plan pays (approved claims)." })
  planPays: number;

  @Field(() => GraphQLSafeInt, { description: "Cents the patient owes (approved claims)." })
  patientShare: number;

  @Field(() => Int, { nullable: true, description: "The policy version it was adjudicated under." })
  policyVersion: number | null;

  @Field()
  createdAt: Date;

  @Field(() => ChainWriteStatus)
  chainStatus: ChainWriteStatus;

  @Field(() => String, { nullable: true })
  chainError: string | null;

  @Field(() => String, { nullable: true, description: "The transaction that adjudicated it." })
  txHash: string | null;

  @Field(() => String, { nullable: true })
  decidedBy: string | null;

  @Field(() => String, { nullable: true, description: "The insurer's note with a review decision." })
  decisionNote: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => ChainWriteStatus, { nullable: true })
  decisionStatus: ChainWriteStatus | null;

  @Field(() => String, { nullable: true })
  decisionTx: string | null;

  @Field(() => GraphQLJSONObject, { description: "The FHIR Claim as submitted." })
  resource: object;

  @Field(() => GraphQLJSONObject, { description: "FHIR ClaimResponse: the insurer's answer." })
  claimResponse: object;

  @Field(() => GraphQLJSONObject, { description: "FHIR ExplanationOfBenefit: billed, paid by the plan, owed by the patient." })
  explanationOfBenefit: object;
}

@ObjectType()
export class ClaimEdge {
  @Field()
  cursor: string;

  @Field(() => Claim)
  node: Claim;
}

@ObjectType({ description: "A Relay connection of claims, newest first." })
export class ClaimConnection {
  @Field(() => [ClaimEdge])
  edges: ClaimEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}

@InputType()
export class ClaimFilterInput {
  @Field(() => ClaimStatusEnum, { nullable: true })
  status?: ClaimStatusEnum | null;

  @Field(() => ID, { nullable: true })
  patientId?: string | null;
}

@InputType()
export class SubmitClaimInput {
  @Field(() => ID)
  patientId: string;

  @Field(() => ID)
  coverageId: string;

  @Field(() => GraphQLJSONObject, { description: "A FHIR R4 Claim (use claim or preauthorization)." })
  claim: object;

  @Field(() => ID, {
    nullable: true,
    description: "The approved prior authorisation this claim relies on (else Claim.insurance.preAuthRef).",
  })
  priorAuthorizationId?: string | null;
}

@InputType()
export class ReviewClaimInput {
  @Field(() => ID)
  claimId: string;

  @Field()
  approve: boolean;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: "Cents the plan pays when approving (default: billed minus the patient's share).",
  })
  planPays?: number | null;

  @Field(() => String, { nullable: true, description: "Why (required to reject; 5–500 characters)." })
  @MaxLength(500)
  note?: string | null;
}

@ObjectType()
export class ClaimReasonInfo {
  @Field()
  code: string;

  @Field()
  meaning: string;
}
