import { GraphQLJSONObject } from "graphql-scalars";
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";

import { CLAIM_REASONS, dateOfDay, type ClaimStatus } from "../domain/claims/claims-fhir";
import { encodeCursor, type ClaimView, type CoverageView, type PolicyRow } from "../domain/claims/claims.service";
import {
  Claim,
  ClaimConnection,
  ClaimFilterInput,
  ClaimReasonInfo,
  ClaimStatusEnum,
  ClaimUseEnum,
  Coverage,
  CoverageStateEnum,
  Policy,
  PolicyInput,
  ReviewClaimInput,
  SubmitClaimInput,
} from "./claims.type";
import { requireActor, type RequestContext } from "./context";
import { ChainWriteStatus } from "./enums";

const reasonText = (code: string): string => CLAIM_REASONS.find((r) => r.code === code)?.meaning ?? code;

const toClaim = (view: ClaimView): Claim => ({
  ...view,
  use: view.use as ClaimUseEnum,
  status: view.status as ClaimStatusEnum,
  reasonText: view.status === "SUBMITTED" ? "waiting for the chain to adjudicate it" : reasonText(view.reason),
  chainStatus: view.chainStatus as ChainWriteStatus,
  decisionStatus: view.decisionStatus as ChainWriteStatus | null,
  items: view.items.map((item) => ({ ...item, serviceDate: dateOfDay(item.serviceDay) })),
  evidence: view.evidence.map(({ recordId, resourceType, version, where, intact }) => ({ recordId, resourceType, version, where, intact })),
});

const toPolicy = (row: PolicyRow): Policy => ({
  ...row,
  chainStatus: row.chainStatus as ChainWriteStatus,
  rules: row.rules.map((rule) => ({ ...rule, coinsurancePercent: rule.coinsuranceBps / 100 })),
});

const toCoverage = (view: CoverageView): Coverage => ({
  ...view,
  start: dateOfDay(view.startDay),
  end: dateOfDay(view.endDay),
  state: view.state as CoverageStateEnum,
  chainStatus: view.chainStatus as ChainWriteStatus,
});

@Resolver()
export class ClaimsResolver {
  @Mutation(() => Policy, {
    description: "Insurer: publishes a policy's rules on chain (a new version when they change; the same rules again change nothing).",
  })
  async publishPolicy(@Arg("input") input: PolicyInput, @Ctx() context: RequestContext): Promise<Policy> {
    const rules = input.rules.map((rule) => ({
      code: rule.code,
      display: rule.display ?? null,
      covered: rule.covered,
      priorAuthRequired: rule.priorAuthRequired,
      requiredRecordTypes: rule.requiredRecordTypes,
      periodDays: rule.periodDays,
      maxPerClaim: rule.maxPerClaim,
      maxPerPeriod: rule.maxPerPeriod,
      copay: rule.copay,
      coinsuranceBps: Math.round(rule.coinsurancePercent * 100),
    }));
    return toPolicy(await context.services.claims.publishPolicy(requireActor(context), input.policyId, input.name, rules));
  }

  @Query(() => [Policy], { description: "An insurer's policies (yours by default), latest version of each." })
  async policies(
    @Arg("insurer", () => String, { nullable: true }) insurer: string | null,
    @Ctx() context: RequestContext,
  ): Promise<Policy[]> {
    return (await context.services.claims.policies(requireActor(context), insurer)).map(toPolicy);
  }

  @Query(() => Policy, { description: "One policy's current rules (they are public on chain)." })
  async policy(@Arg("id", () => ID) id: string, @Ctx() context: RequestContext): Promise<Policy> {
    return toPolicy(await context.services.claims.policy(requireActor(context), id));
  }

  @Mutation(() => Coverage, {
    description:
      "The patient or the policy's insurer: registers a FHIR Coverage (class of type plan = the policy id; period start and end). The same resource again returns the first.",
  })
  async registerCoverage(
    @Arg("patientId", () => ID) patientId: string,
    @Arg("coverage", () => GraphQLJSONObject) coverage: object,
    @Ctx() context: RequestContext,
  ): Promise<Coverage> {
    return toCoverage(await context.services.claims.registerCoverage(requireActor(context), patientId, coverage));
  }

  @Mutation(() => Coverage, { description: "Insurer: accepts a coverage a patient registered under your policy; it goes on chain." })
  async acceptCoverage(@Arg("id", () => ID) id: string, @Ctx() context: RequestContext): Promise<Coverage> {
    return toCoverage(await context.services.claims.acceptCoverage(requireActor(context), id));
  }

  @Query(() => [Coverage], { description: "Insurer: coverages patients registered under your policies, waiting for you to accept them." })
  async coverageRequests(@Ctx() context: RequestContext): Promise<Coverage[]> {
    return (await context.services.claims.coverageRequests(requireActor(context))).map(toCoverage);
  }

  @Query(() => [Coverage], {
    description: "A patient's coverages: all of them for the patient and their treating doctors, an insurer's own for the insurer.",
  })
  async coverage(@Arg("patientId", () => ID) patientId: string, @Ctx() context: RequestContext): Promise<Coverage[]> {
    return (await context.services.claims.coverages(requireActor(context), patientId)).map(toCoverage);
  }

  @Mutation(() => Claim, {
    description:
      "Doctor: submits a FHIR R4 Claim (or a prior-authorisation request) for a patient they treat; adjudicated on chain against the policy. The same claim again returns the first.",
  })
  async submitClaim(@Arg("input") input: SubmitClaimInput, @Ctx() context: RequestContext): Promise<Claim> {
    return toClaim(
      await context.services.claims.submitClaim(requireActor(context), {
        patientId: input.patientId,
        coverageId: input.coverageId,
        claim: input.claim,
        priorAuthorizationId: input.priorAuthorizationId ?? null,
      }),
    );
  }

  @Query(() => Claim, { description: "One claim, for its patient, provider or insurer." })
  async claim(@Arg("id", () => ID) id: string, @Ctx() context: RequestContext): Promise<Claim> {
    return toClaim(await context.services.claims.claim(requireActor(context), id));
  }

  @Query(() => ClaimConnection, {
    description: "Claims, newest first: an insurer's (on its policies), a doctor's (submitted by them) or a patient's own.",
  })
  async claims(
    @Arg("filter", () => ClaimFilterInput, { nullable: true }) filter: ClaimFilterInput | null,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: RequestContext,
  ): Promise<ClaimConnection> {
    const page = await context.services.claims.claims(
      requireActor(context),
      { status: (filter?.status ?? null) as ClaimStatus | null, patientId: filter?.patientId ?? null },
      first,
      after,
    );
    const edges = page.rows.map((row) => ({ cursor: encodeCursor(row), node: toClaim(row) }));
    return { edges, totalCount: page.totalCount, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Mutation(() => Claim, { description: "Insurer: decides a claim in review; recorded on chain." })
  async reviewClaim(@Arg("input") input: ReviewClaimInput, @Ctx() context: RequestContext): Promise<Claim> {
    return toClaim(
      await context.services.claims.reviewClaim(requireActor(context), {
        claimId: input.claimId,
        approve: input.approve,
        planPays: input.planPays ?? null,
        note: input.note ?? null,
      }),
    );
  }

  @Query(() => [ClaimReasonInfo], { description: "The reason codes a claim may carry, with their meaning." })
  claimReasons(): ClaimReasonInfo[] {
    return [...CLAIM_REASONS];
  }
}
