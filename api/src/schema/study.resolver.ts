import { GraphQLJSONObject } from "graphql-scalars";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";

import type { StudyView } from "../domain/studies/enrollment.service";
import type { StudyCriteria as DomainCriteria } from "../zk/eligibility-encoding";
import { requireActor, type RequestContext } from "./context";
import { Enrollment, Study, StudyCriteria } from "./study.type";

function summary(c: DomainCriteria): string {
  const list = (items: string[], none: string): string => (items.length ? items.join(", ") : none);
  return [
    `aged ${c.minAge}–${c.maxAge} on ${c.referenceDate}`,
    `sex: ${list(c.sexes, "any")}`,
    `regions (ZIP3): ${list(c.zip3, "any")}`,
    `with any of: ${list(
      c.anyOf.map((x) => `${x.system}|${x.code}`),
      "no requirement",
    )}`,
    `without: ${list(
      c.noneOf.map((x) => `${x.system}|${x.code}`),
      "no exclusion",
    )}`,
  ].join("; ");
}

const toStudy = (view: StudyView): Study => ({
  studyId: view.id,
  criteria: view.criteria as unknown as StudyCriteria,
  criteriaHash: view.criteriaHash,
  issuerKeyHash: view.issuerKeyHash,
  open: view.open,
  onChainMatches: view.onChainMatches,
  summary: summary(view.criteria),
});

@Resolver()
export class StudyResolver {
  @Mutation(() => Study, {
    description:
      "Researcher or ethics board: records a study's criteria in words and returns the criteria hash to open it with on chain (StudyGate.openStudy).",
  })
  async describeStudy(
    @Arg("studyId") studyId: string,
    @Arg("criteria", () => StudyCriteria) criteria: StudyCriteria,
    @Arg("issuerKeyHash") issuerKeyHash: string,
    @Ctx() context: RequestContext,
  ): Promise<Study> {
    const plain = JSON.parse(JSON.stringify(criteria)) as DomainCriteria;
    return toStudy(await context.services.enrollment.describeStudy(requireActor(context), studyId, plain, issuerKeyHash));
  }

  @Query(() => [Study], { description: "Studies open for enrollment, with their criteria in words. Public." })
  async studies(@Ctx() context: RequestContext): Promise<Study[]> {
    return (await context.services.enrollment.openStudies()).map(toStudy);
  }

  @Query(() => Study, { description: "One study (open or not). Public." })
  async study(@Arg("studyId") studyId: string, @Ctx() context: RequestContext): Promise<Study> {
    return toStudy(await context.services.enrollment.study(studyId));
  }

  @Mutation(() => Enrollment, {
    description:
      "Enrolls the prover in a study: verifies the eligibility proof off chain, then relays it to EligibilityEnrollment. Needs no sign-in, and records no caller: the API does not link accounts to study pseudonyms.",
  })
  async enroll(
    @Arg("studyId") studyId: string,
    @Arg("proof", () => GraphQLJSONObject) proof: object,
    @Arg("publicSignals", () => [String]) publicSignals: string[],
    @Ctx() context: RequestContext,
  ): Promise<Enrollment> {
    return context.services.enrollment.enroll(studyId, proof, publicSignals);
  }

  @Mutation(() => Enrollment, {
    description:
      "Withdraws from a study with a nullifier-ownership proof (same secret, scope = studyId, action = withdraw). Needs no sign-in; later releases leave the participant out.",
  })
  async withdraw(
    @Arg("studyId") studyId: string,
    @Arg("proof", () => GraphQLJSONObject) proof: object,
    @Arg("publicSignals", () => [String]) publicSignals: string[],
    @Ctx() context: RequestContext,
  ): Promise<Enrollment> {
    return context.services.enrollment.withdraw(studyId, proof, publicSignals);
  }
}
