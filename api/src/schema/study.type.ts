import { ArrayMaxSize, Max, Min } from "class-validator";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";

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

@ObjectType({ description: "A study patients may enroll in with an eligibility proof." })
export class Study {
  @Field({ description: "Decimal study id, as on chain." })
  studyId: string;

  @Field(() => StudyCriteria)
  criteria: StudyCriteria;

  @Field({ description: "Poseidon hash of the encoded criteria (a public signal of the proof)." })
  criteriaHash: string;

  @Field({ description: "Poseidon hash of the trusted issuer's BabyJubJub key." })
  issuerKeyHash: string;

  @Field({ description: "Open for enrollment on chain (StudyGate)." })
  open: boolean;

  @Field({ description: "The chain's criteria hash and issuer are the ones described here." })
  onChainMatches: boolean;

  @Field({ description: "The criteria as a sentence." })
  summary: string;
}

@ObjectType({ description: "An anonymous enrollment: the pseudonym (nullifier) and the transaction that recorded it." })
export class Enrollment {
  @Field()
  studyId: string;

  @Field()
  nullifier: string;

  @Field()
  txHash: string;
}
