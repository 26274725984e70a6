import { GraphQLJSONObject } from "graphql-scalars";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";

import { hasRole } from "../domain/actors";
import type { ReleaseField } from "../domain/research/deidentify";
import { describeDataUse, DEFAULT_MIN_COHORT_SIZE, type StudyTerms } from "../domain/studies/study-terms";
import type { EnrollmentResult } from "../domain/studies/enrollment.service";
import type { StudyStatus, StudyView } from "../domain/studies/study.service";
import type { StudyCriteria as DomainCriteria } from "../zk/eligibility-encoding";
import { requireActor, type RequestContext } from "./context";
import { ChainWriteStatus } from "./enums";
import {
  BoardVote,
  DataShare,
  Enrollment,
  EnrollmentStatus,
  ReleaseFieldEnum,
  Study,
  StudyProposalInput,
  StudyStatusEnum,
  VoteToSign,
} from "./study.type";

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

const toEnrollment = (result: EnrollmentResult): Enrollment => ({ ...result, chainStatus: result.chainStatus as ChainWriteStatus });

export function toStudy(view: StudyView, context: RequestContext): Study {
  const actor = context.actor;
  const mayReadProtocol = !!actor && (hasRole(actor, "ethicsBoard") || actor.address === view.researcher);
  return {
    studyId: view.id,
    title: view.title,
    purpose: view.purpose,
    protocol: mayReadProtocol ? view.protocol : undefined,
    protocolHash: view.protocolHash,
    termsHash: view.termsHash,
    dataUse: view.dataUse.map((code) => ({ code, meaning: describeDataUse(code) })),
    requestedFields: view.requestedFields as ReleaseFieldEnum[],
    minCohortSize: view.minCohortSize,
    dpBudget: view.dpBudget,
    researcher: view.researcher,
    version: view.version,
    status: view.status as StudyStatusEnum,
    chainStatus: view.chainStatus as ChainWriteStatus,
    chainError: view.chainError,
    approvals: view.approvals,
    rejections: view.rejections,
    quorum: view.quorum,
    criteria: view.criteria as unknown as Study["criteria"],
    criteriaHash: view.criteriaHash,
    issuerKeyHash: view.issuerKeyHash,
    open: view.open,
    onChainMatches: view.onChainMatches,
    summary: summary(view.criteria),
  };
}

async function toTerms(input: StudyProposalInput, context: RequestContext): Promise<{ terms: StudyTerms; protocol: string }> {
  const plain = JSON.parse(JSON.stringify(input)) as StudyProposalInput;
  return {
    protocol: plain.protocol,
    terms: {
      title: plain.title,
      purpose: plain.purpose,
      dataUse: plain.dataUse,
      requestedFields: plain.requestedFields as ReleaseField[],
      minCohortSize: plain.minCohortSize ?? DEFAULT_MIN_COHORT_SIZE,
      dpBudget: plain.dpBudget ?? null,
      criteria: plain.criteria as unknown as DomainCriteria,
      issuerKeyHash: plain.issuerKeyHash ?? (await context.services.credentials.issuer()).keyHash,
    },
  };
}

@Resolver()
export class StudyResolver {
  @Mutation(() => Study, {
    description:
      "Researcher: proposes a study. The terms stay here; their hashes are registered on chain (StudyRegistry) for the ethics board's votes.",
  })
  async proposeStudy(@Arg("input") input: StudyProposalInput, @Ctx() context: RequestContext): Promise<Study> {
    const actor = requireActor(context);
    const { terms, protocol } = await toTerms(input, context);
    return toStudy(await context.services.studies.proposeStudy(actor, terms, protocol), context);
  }

  @Mutation(() => Study, {
    description: "The study's researcher: new terms as a new version, which needs the ethics board's approval again.",
  })
  async amendStudy(
    @Arg("studyId") studyId: string,
    @Arg("input") input: StudyProposalInput,
    @Ctx() context: RequestContext,
  ): Promise<Study> {
    const actor = requireActor(context);
    const { terms, protocol } = await toTerms(input, context);
    return toStudy(await context.services.studies.amendStudy(actor, studyId, terms, protocol), context);
  }

  @Mutation(() => VoteToSign, { description: "Ethics board, step 1: the EIP-712 vote on the study's current version to sign." })
  async prepareStudyVote(
    @Arg("studyId") studyId: string,
    @Arg("approve") approve: boolean,
    @Ctx() context: RequestContext,
  ): Promise<VoteToSign> {
    return { typedData: await context.services.studies.prepareStudyVote(requireActor(context), studyId, approve) };
  }

  @Mutation(() => Study, {
    description: "Ethics board, step 2: the signed vote; the API relays it and the chain counts it toward the quorum.",
  })
  async castStudyVote(
    @Arg("studyId") studyId: string,
    @Arg("approve") approve: boolean,
    @Arg("signature") signature: string,
    @Ctx() context: RequestContext,
  ): Promise<Study> {
    return toStudy(await context.services.studies.castStudyVote(requireActor(context), studyId, approve, signature), context);
  }

  @Mutation(() => Study, { description: "Ethics board: pauses an approved study (no enrollment, no downloads)." })
  async suspendStudy(@Arg("studyId") studyId: string, @Ctx() context: RequestContext): Promise<Study> {
    return toStudy(await context.services.studies.changeStatus(requireActor(context), studyId, "suspend"), context);
  }

  @Mutation(() => Study, { description: "Ethics board: resumes a suspended study." })
  async resumeStudy(@Arg("studyId") studyId: string, @Ctx() context: RequestContext): Promise<Study> {
    return toStudy(await context.services.studies.changeStatus(requireActor(context), studyId, "resume"), context);
  }

  @Mutation(() => Study, { description: "The study's researcher or the ethics board: ends the study for good." })
  async closeStudy(@Arg("studyId") studyId: string, @Ctx() context: RequestContext): Promise<Study> {
    return toStudy(await context.services.studies.changeStatus(requireActor(context), studyId, "close"), context);
  }

  @Query(() => [Study], {
    description: "Studies and their status on chain, newest first. Public (protocols only for their researcher and the board).",
  })
  async studies(
    @Arg("status", () => [StudyStatusEnum], {
      nullable: true,
      description: "Only these statuses (APPROVED: the ones open for enrollment).",
    })
    status: StudyStatusEnum[] | null,
    @Arg("researcher", () => String, { nullable: true, description: "Only this researcher's studies." }) researcher: string | null,
    @Ctx() context: RequestContext,
  ): Promise<Study[]> {
    const views = await context.services.studies.studies({
      status: (status ?? undefined) as StudyStatus[] | undefined,
      researcher: researcher ?? undefined,
    });
    return views.map((v) => toStudy(v, context));
  }

  @Query(() => Study, { description: "One study. Public (the protocol only for its researcher and the board)." })
  async study(@Arg("studyId") studyId: string, @Ctx() context: RequestContext): Promise<Study> {
    return toStudy(await context.services.studies.study(studyId), context);
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
    return toEnrollment(await context.services.enrollment.enroll(studyId, proof, publicSignals));
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
    return toEnrollment(await context.services.enrollment.withdraw(studyId, proof, publicSignals));
  }

  @Query(() => EnrollmentStatus, {
    description:
      "Whether a pseudonym is enrolled in (or withdrew from) a study, from the chain. Public, no sign-in: a patient's client asks with Poseidon(secret, studyId).",
  })
  async enrollmentStatus(
    @Arg("studyId") studyId: string,
    @Arg("nullifier") nullifier: string,
    @Ctx() context: RequestContext,
  ): Promise<EnrollmentStatus> {
    return context.services.enrollment.enrollmentStatus(studyId, nullifier);
  }

  @Query(() => [BoardVote], {
    description: "Signed in: the ethics-board votes cast on the study's current version, as the chain recorded them (oldest first).",
  })
  async studyVotes(@Arg("studyId") studyId: string, @Ctx() context: RequestContext): Promise<BoardVote[]> {
    return context.services.studies.votes(context.actor ?? null, studyId);
  }

  @Query(() => [String], { description: "Patient: the studies you share de-identified data with." })
  async mySharedStudies(@Ctx() context: RequestContext): Promise<string[]> {
    return context.services.enrollment.mySharedStudies(requireActor(context));
  }

  @Mutation(() => DataShare, {
    description:
      "Patient: lets the custodian include your de-identified data in the study's releases under your pseudonym, with a nullifier-ownership proof bound to the share action. The custodian then knows which pseudonym is yours; researchers and the chain never do.",
  })
  async shareWithStudy(
    @Arg("studyId") studyId: string,
    @Arg("proof", () => GraphQLJSONObject) proof: object,
    @Arg("publicSignals", () => [String]) publicSignals: string[],
    @Ctx() context: RequestContext,
  ): Promise<DataShare> {
    return context.services.enrollment.shareWithStudy(requireActor(context), studyId, proof, publicSignals);
  }
}
