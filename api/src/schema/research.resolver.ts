import { Arg, Args, ArgsType, Ctx, Field, Float, Mutation, Query, Resolver } from "type-graphql";

import type { CohortAnswer } from "../domain/research/cohort.service";
import type { ReleaseFormat, ReleaseView } from "../domain/research/release.service";
import type { StudyCriteria as DomainCriteria } from "../zk/eligibility-encoding";
import { requireActor, type RequestContext } from "./context";
import { ChainWriteStatus } from "./enums";
import {
  CohortCount,
  CohortDimensionEnum,
  CohortQuote,
  CountValue,
  Release,
  ReleaseDownload,
  ReleaseFormatEnum,
  ReleaseReview,
  ReleaseStatusEnum,
} from "./research.type";
import { StudyCriteria, VoteToSign } from "./study.type";

const count = (value: number | null, k: number): CountValue => ({
  value,
  suppressed: value === null,
  display: value === null ? `< ${k}` : String(value),
});

function toCohortCount(answer: CohortAnswer): CohortCount {
  return {
    studyId: answer.studyId,
    k: answer.k,
    breakdown: answer.breakdown as CohortDimensionEnum[],
    total: count(answer.total, answer.k),
    cells: answer.cells.map((c) => ({ ...c.key, count: count(c.count, answer.k) })),
    suppressedCells: answer.suppressedCells,
    privacy: answer.privacy,
    cached: answer.cached,
  };
}

export function toRelease(view: ReleaseView): Release {
  const { record, onChain } = view;
  return {
    releaseId: record.id,
    studyId: record.studyId,
    status: (onChain?.status ?? "PENDING") as ReleaseStatusEnum,
    approvals: onChain?.approvals ?? 0,
    rejections: onChain?.rejections ?? 0,
    quorum: view.quorum,
    downloadable: view.downloadable,
    manifest: record.manifest,
    manifestHash: record.manifestHash,
    txHash: record.txHash,
    chainStatus: record.chainStatus as ChainWriteStatus,
    rowCount: record.manifest.rowCount,
    achievedK: record.manifest.achievedK,
    suppressedRows: record.manifest.suppressedRows,
    preparedAt: record.preparedAt,
  };
}

/** A cohort question, as cohortCount and cohortQuote take it. */
@ArgsType()
class CohortQueryArgs {
  @Field()
  studyId: string;

  @Field(() => StudyCriteria, { nullable: true })
  criteria: StudyCriteria | null;

  @Field(() => [CohortDimensionEnum], { defaultValue: [] })
  breakdown: CohortDimensionEnum[];

  @Field(() => Float, { nullable: true, description: "Budget to spend (studies with a privacy budget; default 0.1)." })
  epsilon: number | null;
}

const cohortQuestion = (args: CohortQueryArgs) => ({
  studyId: args.studyId,
  criteria: args.criteria ? (JSON.parse(JSON.stringify(args.criteria)) as DomainCriteria) : null,
  breakdown: args.breakdown,
  epsilon: args.epsilon ?? null,
});

@Resolver()
export class ResearchResolver {
  @Query(() => CohortCount, {
    description:
      "Researcher, own study: how many of the custodian's patients meet the criteria (the study's unless given), optionally broken down. Small counts are suppressed; with a privacy budget, answers are noisy and spend epsilon. Audited.",
  })
  async cohortCount(@Args() args: CohortQueryArgs, @Ctx() context: RequestContext): Promise<CohortCount> {
    const { studyId, criteria, breakdown, epsilon } = cohortQuestion(args);
    return toCohortCount(await context.services.cohorts.cohortCount(requireActor(context), studyId, criteria, breakdown, epsilon));
  }

  @Query(() => CohortQuote, {
    description:
      "Researcher, own study: what the same cohortCount would spend of the privacy budget, before it runs (nothing for a repeated query). Reveals no count.",
  })
  async cohortQuote(@Args() args: CohortQueryArgs, @Ctx() context: RequestContext): Promise<CohortQuote> {
    const { studyId, criteria, breakdown, epsilon } = cohortQuestion(args);
    return context.services.cohorts.quote(requireActor(context), studyId, criteria, breakdown, epsilon);
  }

  @Mutation(() => Release, {
    description:
      "Researcher, own approved study: builds the de-identified dataset of enrolled, non-withdrawn participants who share data (Safe Harbor, then k-anonymity) and records its manifest on chain for the ethics board's review.",
  })
  async prepareRelease(@Arg("studyId") studyId: string, @Ctx() context: RequestContext): Promise<Release> {
    return toRelease(await context.services.releases.prepareRelease(requireActor(context), studyId));
  }

  @Query(() => [Release], { description: "A study's releases: for its researcher and the ethics board." })
  async releases(@Arg("studyId") studyId: string, @Ctx() context: RequestContext): Promise<Release[]> {
    return (await context.services.releases.releases(requireActor(context), studyId)).map(toRelease);
  }

  @Query(() => ReleaseReview, {
    description: "Ethics board: a release with every included enrollment (proof, signals, transaction) verified again now.",
  })
  async releaseReview(@Arg("releaseId") releaseId: string, @Ctx() context: RequestContext): Promise<ReleaseReview> {
    const review = await context.services.releases.releaseReview(requireActor(context), releaseId);
    return {
      release: toRelease(review),
      enrollments: review.enrollments.map((e) => ({ ...e, proof: (e.proof as object | null) ?? null })),
      datasetMatches: review.datasetMatches,
      nullifierRootMatches: review.nullifierRootMatches,
      manifestMatchesChain: review.manifestMatchesChain,
      preview: review.preview,
      votes: review.votes,
    };
  }

  @Mutation(() => VoteToSign, { description: "Ethics board, step 1: the EIP-712 vote on a pending release to sign." })
  async prepareReleaseVote(
    @Arg("releaseId") releaseId: string,
    @Arg("approve") approve: boolean,
    @Ctx() context: RequestContext,
  ): Promise<VoteToSign> {
    return { typedData: await context.services.releases.prepareReleaseVote(requireActor(context), releaseId, approve) };
  }

  @Mutation(() => Release, {
    description: "Ethics board, step 2: the signed vote; the API relays it and the chain counts it toward the quorum.",
  })
  async castReleaseVote(
    @Arg("releaseId") releaseId: string,
    @Arg("approve") approve: boolean,
    @Arg("signature") signature: string,
    @Ctx() context: RequestContext,
  ): Promise<Release> {
    return toRelease(await context.services.releases.castReleaseVote(requireActor(context), releaseId, approve, signature));
  }

  @Query(() => ReleaseDownload, {
    description:
      "The study's researcher: downloads an approved release. The API checks the chain on every download (quorum approval, study not suspended, no participant withdrawn since).",
  })
  async release(
    @Arg("releaseId") releaseId: string,
    @Arg("format", () => ReleaseFormatEnum, { defaultValue: ReleaseFormatEnum.CSV }) format: ReleaseFormatEnum,
    @Ctx() context: RequestContext,
  ): Promise<ReleaseDownload> {
    const { record, content } = await context.services.releases.download(requireActor(context), releaseId, format as ReleaseFormat);
    return { releaseId: record.id, format, content, manifestHash: record.manifestHash, manifest: record.manifest };
  }
}
