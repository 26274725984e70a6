import { GraphQLJSONObject } from "graphql-scalars";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";

import { ChainWriteStatus } from "./enums";
import { BoardVote } from "./study.type";

export enum CohortDimensionEnum {
  AGE_BAND = "ageBand",
  SEX = "sex",
  REGION = "region",
}
registerEnumType(CohortDimensionEnum, {
  name: "CohortDimension",
  description: "Dimensions a cohort count can be broken down by.",
  valuesConfig: {
    AGE_BAND: { description: "10-year age bands today, 90+ grouped" },
    SEX: { description: "administrative sex" },
    REGION: { description: "3-digit ZIP (000 for small areas)" },
  },
});

export enum ReleaseStatusEnum {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}
registerEnumType(ReleaseStatusEnum, { name: "ReleaseStatus", description: "A release's status on chain (ReleaseRegistry)." });

export enum ReleaseFormatEnum {
  CSV = "CSV",
  JSON = "JSON",
  FHIR = "FHIR",
}
registerEnumType(ReleaseFormatEnum, {
  name: "ReleaseFormat",
  valuesConfig: {
    CSV: { description: "one row per participant" },
    JSON: { description: "the manifest and the rows" },
    FHIR: { description: "a FHIR R4 collection Bundle of de-identified Patients and Conditions" },
  },
});

@ObjectType({ description: "A published count: the number, or nothing when it is suppressed." })
export class CountValue {
  @Field(() => Int, { nullable: true, description: "Null when suppressed." })
  value: number | null;

  @Field()
  suppressed: boolean;

  @Field({ description: 'The count as shown, e.g. "42" or "< 11".' })
  display: string;
}

@ObjectType({ description: "One cell of a cohort breakdown." })
export class CohortCell {
  @Field({ nullable: true })
  ageBand?: string;

  @Field({ nullable: true })
  sex?: string;

  @Field({ nullable: true })
  region?: string;

  @Field(() => CountValue)
  count: CountValue;
}

@ObjectType({ description: "Differential privacy of a cohort answer." })
export class PrivacySpend {
  @Field({
    description:
      "geometric (discrete Laplace) noise on the total and on every cell, then post-processed: cells are whole, non-negative and add up to the total",
  })
  mechanism: string;

  @Field(() => Float, { description: "Epsilon this query costs." })
  epsilon: number;

  @Field(() => Float, { description: "The study's total budget." })
  budget: number;

  @Field(() => Float)
  spent: number;

  @Field(() => Float)
  remaining: number;
}

@ObjectType({ description: "What a cohort query would spend, before it runs." })
export class CohortQuote {
  @Field(() => Float, { description: "Epsilon the query would spend: 0 when an identical query was answered before." })
  cost: number;

  @Field({ description: "An identical query was answered before: its stored answer comes back, for free." })
  cached: boolean;

  @Field(() => Float, { nullable: true, description: "The study's total budget; null when it has none (exact counts, nothing spent)." })
  budget: number | null;

  @Field(() => Float)
  spent: number;

  @Field(() => Float, { nullable: true })
  remaining: number | null;

  @Field({ description: "The query fits in what is left of the budget." })
  fits: boolean;
}

@ObjectType({ description: "How many of the custodian's patients meet criteria, safe to publish." })
export class CohortCount {
  @Field()
  studyId: string;

  @Field(() => Int, { description: "Counts from 1 to k − 1 are suppressed." })
  k: number;

  @Field(() => [CohortDimensionEnum])
  breakdown: CohortDimensionEnum[];

  @Field(() => CountValue)
  total: CountValue;

  @Field(() => [CohortCell], { description: "Without a privacy budget: non-empty cells only. With one: every cell of the domain." })
  cells: CohortCell[];

  @Field(() => Int, { description: "Cells hidden (small, or hidden to protect small ones)." })
  suppressedCells: number;

  @Field(() => PrivacySpend, { nullable: true, description: "Present when the study has a differential-privacy budget." })
  privacy: PrivacySpend | null;

  @Field({ description: "The stored answer of an identical earlier query (no budget spent)." })
  cached: boolean;
}

@ObjectType({ description: "A de-identified release: its manifest (hashes on chain) and its status on chain." })
export class Release {
  @Field({ description: "Release id, chosen by the custodian before ReleaseRegistry records it (random, like study ids)." })
  releaseId: string;

  @Field()
  studyId: string;

  @Field(() => ReleaseStatusEnum)
  status: ReleaseStatusEnum;

  @Field(() => Int)
  approvals: number;

  @Field(() => Int)
  rejections: number;

  @Field(() => Int)
  quorum: number;

  @Field({ description: "The chain says the quorum approved it and its study is not suspended." })
  downloadable: boolean;

  @Field(() => GraphQLJSONObject, { description: "Fields, row count, achieved k, dataset hash, Merkle root of the pseudonyms, ..." })
  manifest: object;

  @Field({ description: "sha256 of the canonical manifest, as on chain." })
  manifestHash: string;

  @Field(() => String, { nullable: true, description: "The transaction that recorded the manifest, once mined." })
  txHash: string | null;

  @Field(() => ChainWriteStatus, {
    description: "PENDING until ReleaseRegistry records the manifest (votes wait for it); FAILED if the chain refused it.",
  })
  chainStatus: ChainWriteStatus;

  @Field(() => Int)
  rowCount: number;

  @Field(() => Int)
  achievedK: number;

  @Field(() => Int)
  suppressedRows: number;

  @Field()
  preparedAt: Date;
}

@ObjectType({ description: "One included enrollment, as the ethics board reviews it." })
export class ReviewedEnrollment {
  @Field()
  nullifier: string;

  @Field()
  txHash: string;

  @Field(() => Int, { nullable: true })
  blockNumber: number | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  proof: object | null;

  @Field(() => [String])
  publicSignals: string[];

  @Field({ description: "Verified again now, off chain, with the committed verification key." })
  proofVerifies: boolean;

  @Field({ description: "Still enrolled on chain (not withdrawn)." })
  enrolledOnChain: boolean;

  @Field({ description: "The signals name this study, its criteria and its issuer." })
  signalsMatchStudy: boolean;
}

@ObjectType({ description: "A release with everything needed to check it before voting." })
export class ReleaseReview {
  @Field(() => Release)
  release: Release;

  @Field(() => [ReviewedEnrollment])
  enrollments: ReviewedEnrollment[];

  @Field()
  datasetMatches: boolean;

  @Field()
  nullifierRootMatches: boolean;

  @Field()
  manifestMatchesChain: boolean;

  @Field(() => [GraphQLJSONObject], {
    description: "The first de-identified rows (up to 20), as the researcher would receive them: what the board approves.",
  })
  preview: object[];

  @Field(() => [BoardVote], { description: "Votes cast on the release, as the chain recorded them." })
  votes: BoardVote[];
}

@ObjectType({ description: "A downloaded release." })
export class ReleaseDownload {
  @Field()
  releaseId: string;

  @Field(() => ReleaseFormatEnum)
  format: ReleaseFormatEnum;

  @Field({ description: "The dataset in the requested format." })
  content: string;

  @Field()
  manifestHash: string;

  @Field(() => GraphQLJSONObject)
  manifest: object;
}
