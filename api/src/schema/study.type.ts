import { ArrayMaxSize, Max, MaxLength, Min } from "class-validator";
import { GraphQLJSONObject } from "graphql-scalars";
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from "type-graphql";

import { ChainWriteStatus } from "./enums";

export enum SexEnum {
  female = "female",
  male = "male",
  other = "other",
  unknown = "unknown",
}
registerEnumType(SexEnum, { name: "Sex" });

@InputType("CodingInput")
@ObjectType()
export class Coding {
  @Field({ description: "e.g. http://snomed.info/sct" })
  system: string;

  @Field()
  code: string;
}

@InputType("StudyCriteriaInput", { description: "Eligibility criteria in words; the API encodes them as the circuit does." })
@ObjectType({ description: "A study's eligibility criteria in words." })
export class StudyCriteria {
  @Field(() => Int)
  @Min(0)
  @Max(130)
  minAge: number;

  @Field(() => Int)
  @Min(0)
  @Max(130)
  maxAge: number;

  @Field({ description: "ISO date (YYYY-MM-DD) the ages refer to." })
  referenceDate: string;

  @Field(() => [SexEnum])
  @ArrayMaxSize(4)
  sexes: SexEnum[];

  @Field(() => [String], { description: "3-digit ZIP prefixes; empty: any region." })
  @ArrayMaxSize(8)
  zip3: string[];

  @Field(() => [Coding], { description: "At least one of these conditions (empty: none required)." })
  @ArrayMaxSize(8)
  anyOf: Coding[];

  @Field(() => [Coding], { description: "None of these conditions." })
  @ArrayMaxSize(8)
  noneOf: Coding[];
}

export enum StudyStatusEnum {
  PROPOSED = "PROPOSED",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  SUSPENDED = "SUSPENDED",
  CLOSED = "CLOSED",
}
registerEnumType(StudyStatusEnum, {
  name: "StudyStatus",
  description: "A study's status on chain (StudyRegistry). Enrollment is open only while APPROVED.",
  valuesConfig: {
    PROPOSED: { description: "waiting for the ethics board's votes on the current version" },
    APPROVED: { description: "approved by the quorum: enrollment and releases allowed" },
    REJECTED: { description: "rejected by the quorum (the researcher may amend it)" },
    SUSPENDED: { description: "paused by the ethics board: no enrollment, no downloads" },
    CLOSED: { description: "ended for good" },
  },
});

export enum ReleaseFieldEnum {
  ageBand = "ageBand",
  sex = "sex",
  region = "region",
  conditions = "conditions",
}
registerEnumType(ReleaseFieldEnum, {
  name: "ReleaseField",
  description: "Fields a study may request in its de-identified releases.",
  valuesConfig: {
    ageBand: { description: "age in 10-year bands, 90+ grouped (generalised further if k-anonymity needs it)" },
    sex: { description: "administrative sex" },
    region: { description: "3-digit ZIP (000 for small areas; generalised further if k-anonymity needs it)" },
    conditions: { description: "coded conditions with onset year only" },
  },
});

@InputType({ description: "A study proposal: the terms the ethics board votes on. Their hashes go on chain." })
export class StudyProposalInput {
  @Field()
  @MaxLength(200)
  title: string;

  @Field()
  @MaxLength(4000)
  purpose: string;

  @Field({ description: "The protocol document (text or Markdown). Kept here; its sha256 goes on chain." })
  @MaxLength(200_000)
  protocol: string;

  @Field(() => [String], {
    description: "GA4GH DUO codes: one permission (NRES, GRU, HMB, POA, DS-<disease>) and any modifiers (IRB, PUB, NPU, TS-<months>, ...).",
  })
  @ArrayMaxSize(16)
  dataUse: string[];

  @Field(() => [ReleaseFieldEnum])
  @ArrayMaxSize(4)
  requestedFields: ReleaseFieldEnum[];

  @Field(() => Int, { defaultValue: 11, description: "Minimum cohort size k: smaller counts are suppressed, releases are k-anonymous." })
  minCohortSize: number;

  @Field(() => Float, { nullable: true, description: "Total differential-privacy budget (epsilon) for cohort counts; leave out for none." })
  dpBudget?: number | null;

  @Field(() => StudyCriteria)
  criteria: StudyCriteria;

  @Field({ nullable: true, description: "Trusted issuer's key hash; defaults to this custodian's issuer." })
  issuerKeyHash?: string;
}

@ObjectType({ description: "A DUO data-use code and what it means." })
export class DataUseTerm {
  @Field()
  code: string;

  @Field()
  meaning: string;
}

@ObjectType({ description: "A research study: its terms (kept by the custodian) and its state on chain (StudyRegistry)." })
export class Study {
  @Field({ description: "Decimal study id, as on chain and in proofs." })
  studyId: string;

  @Field()
  title: string;

  @Field()
  purpose: string;

  @Field({ nullable: true, description: "The protocol document: shown to its researcher and the ethics board." })
  protocol?: string;

  @Field({ description: "sha256 of the protocol document, as on chain." })
  protocolHash: string;

  @Field({ description: "sha256 of the canonical terms, as on chain." })
  termsHash: string;

  @Field(() => [DataUseTerm])
  dataUse: DataUseTerm[];

  @Field(() => [ReleaseFieldEnum])
  requestedFields: ReleaseFieldEnum[];

  @Field(() => Int)
  minCohortSize: number;

  @Field(() => Float, { nullable: true })
  dpBudget: number | null;

  @Field({ description: "The proposing researcher's address." })
  researcher: string;

  @Field(() => Int, { description: "Amendments make new versions; each needs approval." })
  version: number;

  @Field(() => StudyStatusEnum)
  status: StudyStatusEnum;

  @Field(() => ChainWriteStatus, {
    description:
      "How the latest chain write of the study (its proposal, then each amendment) went: PENDING until StudyRegistry records it (votes and further amendments wait for it); FAILED with chainError if the chain refused the proposal. A refused amendment puts the previous version back (CONFIRMED) with chainError saying why.",
  })
  chainStatus: ChainWriteStatus;

  @Field(() => String, { nullable: true })
  chainError: string | null;

  @Field(() => Int)
  approvals: number;

  @Field(() => Int)
  rejections: number;

  @Field(() => Int, { description: "Votes that decide (m of the n ethics-board members)." })
  quorum: number;

  @Field(() => StudyCriteria)
  criteria: StudyCriteria;

  @Field({ description: "Poseidon hash of the encoded criteria (a public signal of the proof)." })
  criteriaHash: string;

  @Field({ description: "Poseidon hash of the trusted issuer's BabyJubJub key." })
  issuerKeyHash: string;

  @Field({ description: "Open for enrollment: approved on chain with the terms kept here." })
  open: boolean;

  @Field({ description: "The chain's hashes and version are those of the terms kept here." })
  onChainMatches: boolean;

  @Field({ description: "The criteria as a sentence." })
  summary: string;
}

@ObjectType({ description: "EIP-712 typed data an ethics-board member signs (eth_signTypedData_v4), then sends back with the vote." })
export class VoteToSign {
  @Field(() => GraphQLJSONObject)
  typedData: object;
}

@ObjectType({
  description:
    "An anonymous enrollment or withdrawal: the pseudonym (nullifier) and the transaction that recorded it, once the outbox relayed it.",
})
export class Enrollment {
  @Field()
  studyId: string;

  @Field()
  nullifier: string;

  @Field(() => String, { nullable: true, description: "The transaction, once mined (null while PENDING)." })
  txHash: string | null;

  @Field(() => ChainWriteStatus, {
    description:
      "PENDING: kept here and relayed as soon as the chain answers (enrollmentStatus says when it is on chain); CONFIRMED: mined.",
  })
  chainStatus: ChainWriteStatus;
}

@ObjectType({ description: "A patient's agreement to share de-identified data with a study under their pseudonym." })
export class DataShare {
  @Field()
  studyId: string;

  @Field()
  nullifier: string;
}

@ObjectType({ description: "A pseudonym's state in a study, as the chain records it." })
export class EnrollmentStatus {
  @Field()
  enrolled: boolean;

  @Field()
  withdrawn: boolean;
}

@ObjectType({ description: "An ethics-board member's vote, as the chain recorded it." })
export class BoardVote {
  @Field({ description: "The member's address." })
  member: string;

  @Field()
  approve: boolean;

  @Field({ description: "The transaction that carried the vote." })
  txHash: string;
}
