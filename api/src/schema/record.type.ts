import { Max, MaxLength, Min } from "class-validator";
import { GraphQLJSONObject } from "graphql-scalars";
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";

import { AccessDecision, PurposeOfUse, RecordLifecycle } from "./enums";

@ObjectType("Record", { description: "A clinical record: the current version of one FHIR R4 resource of one patient." })
export class ClinicalRecord {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  patientId: string;

  @Field()
  resourceType: string;

  @Field({ description: "The FHIR resource id (Resource.id)." })
  fhirId: string;

  @Field(() => Int)
  version: number;

  @Field(() => RecordLifecycle)
  lifecycle: RecordLifecycle;

  @Field({ description: "Address of the doctor who created the record." })
  author: string;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => String, { nullable: true, description: "System of the main code (e.g. http://snomed.info/sct)." })
  codeSystem: string | null;

  @Field(() => String, { nullable: true })
  code: string | null;

  @Field(() => String, { nullable: true })
  display: string | null;

  @Field(() => String, { nullable: true, description: "Clinical status (Condition, AllergyIntolerance) or resource status." })
  clinicalStatus: string | null;

  @Field(() => Date, { nullable: true, description: "Onset, effective, authored, occurrence or period start, by resource type." })
  effectiveAt: Date | null;

  @Field(() => Float, { nullable: true, description: "Observation.valueQuantity.value" })
  valueQuantity: number | null;

  @Field(() => String, { nullable: true })
  valueUnit: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "The full FHIR resource; null when retracted." })
  resource: object | null;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ObjectType()
export class RecordEdge {
  @Field()
  cursor: string;

  @Field(() => ClinicalRecord)
  node: ClinicalRecord;
}

@ObjectType({ description: "A Relay connection of records." })
export class RecordConnection {
  @Field(() => [RecordEdge])
  edges: RecordEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: "Records matching the filter that the caller may see." })
  totalCount: number;
}

@ObjectType({ description: "A patient in a doctor's list, and why the doctor may see them now." })
export class CarePatient {
  @Field(() => ID)
  id: string;

  @Field({ description: "The doctor wrote records of this patient (a treatment relationship)." })
  authored: boolean;

  @Field(() => Date, { nullable: true, description: "When the latest consent in force granted to the doctor expires." })
  consentUntil: Date | null;

  @Field(() => Date, { nullable: true, description: "When the doctor's break-glass access in force ends." })
  breakGlassUntil: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "From the Patient record when the doctor may read it (that read is in the patient's access log); null otherwise.",
  })
  name: string | null;

  @Field(() => String, { nullable: true, description: "FHIR date, as the Patient record has it." })
  birthDate: string | null;

  @Field(() => String, { nullable: true, description: "FHIR administrative gender." })
  gender: string | null;
}

@ObjectType()
export class CarePatientEdge {
  @Field()
  cursor: string;

  @Field(() => CarePatient)
  node: CarePatient;
}

@ObjectType({ description: "A Relay connection of a doctor's patients, by patient id." })
export class CarePatientConnection {
  @Field(() => [CarePatientEdge])
  edges: CarePatientEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({ description: "One immutable version of a record, hash-chained to the previous one." })
export class RecordVersion {
  @Field(() => Int)
  version: number;

  @Field(() => RecordLifecycle)
  lifecycle: RecordLifecycle;

  @Field()
  author: string;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field()
  createdAt: Date;

  @Field({ description: "sha256 of the RFC 8785 canonical JSON of the content." })
  contentHash: string;

  @Field()
  previousHash: string;

  @Field()
  versionHash: string;

  @Field(() => GraphQLJSONObject, { nullable: true })
  resource: object | null;
}

@InputType({ description: "All conditions must hold. Codes and values are matched after decryption, per patient." })
export class RecordFilter {
  @Field(() => [String], { nullable: true })
  resourceTypes?: string[];

  @Field({ nullable: true })
  @MaxLength(200)
  codeSystem?: string;

  @Field({ nullable: true })
  @MaxLength(100)
  code?: string;

  @Field({ nullable: true })
  @MaxLength(50)
  clinicalStatus?: string;

  @Field({ nullable: true })
  effectiveFrom?: Date;

  @Field({ nullable: true })
  effectiveTo?: Date;

  @Field(() => Float, { nullable: true })
  valueMin?: number;

  @Field(() => Float, { nullable: true })
  valueMax?: number;

  @Field({ nullable: true, defaultValue: false })
  includeRetracted?: boolean;
}

@ArgsType()
export class RecordsArgs {
  @Field(() => ID)
  patientId: string;

  @Field(() => RecordFilter, { nullable: true })
  filter?: RecordFilter;

  @Field(() => PurposeOfUse, { nullable: true })
  purpose?: PurposeOfUse;

  @Field(() => Int, { defaultValue: 50 })
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => String, { nullable: true })
  after?: string;
}

@ObjectType()
export class TypeCount {
  @Field()
  resourceType: string;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class ImportResult {
  @Field(() => ID)
  patientId: string;

  @Field(() => Int)
  created: number;

  @Field(() => [TypeCount])
  byType: TypeCount[];
}

@ObjectType()
export class VersionCheck {
  @Field(() => Int)
  version: number;

  @Field()
  ok: boolean;

  @Field(() => String, { nullable: true })
  problem: string | null;

  @Field(() => String, { nullable: true, description: "Transaction that anchored this version's batch; null while pending." })
  anchorTx: string | null;
}

@ObjectType({ description: "A record's hash chain recomputed from the stored, encrypted versions." })
export class IntegrityReport {
  @Field(() => ID)
  recordId: string;

  @Field()
  ok: boolean;

  @Field(() => Int, { nullable: true })
  firstBadVersion: number | null;

  @Field(() => [VersionCheck])
  versions: VersionCheck[];
}

@ObjectType({ description: "Proof that an entry is in a batch whose Merkle root is on chain (AnchorRegistry)." })
export class AnchorProof {
  @Field(() => Int, { description: "The batch's index in AnchorRegistry for its kind." })
  batchIndex: number;

  @Field({ description: "Merkle root (OpenZeppelin StandardMerkleTree of (uint256 seq, bytes32 hash))." })
  root: string;

  @Field({ description: "Transaction that anchored the root." })
  txHash: string;

  @Field()
  anchoredAt: Date;

  @Field(() => [String], { description: "Sibling hashes from the leaf to the root." })
  proof: string[];
}

@ObjectType({ description: "One access attempt on a patient's data, allowed or denied." })
export class AccessLogEntry {
  @Field(() => Int)
  seq: number;

  @Field()
  at: Date;

  @Field(() => String, { nullable: true, description: "Address of the caller; null when not signed in." })
  actor: string | null;

  @Field(() => ID, { nullable: true })
  patientId: string | null;

  @Field(() => ID, { nullable: true })
  recordId: string | null;

  @Field()
  action: string;

  @Field(() => PurposeOfUse, { nullable: true })
  purpose: PurposeOfUse | null;

  @Field(() => AccessDecision)
  decision: AccessDecision;

  @Field()
  reason: string;

  @Field()
  entryHash: string;

  @Field()
  previousHash: string;

  @Field(() => AnchorProof, { nullable: true, description: "null while the entry waits for the next anchoring run." })
  anchor: AnchorProof | null;
}

@ObjectType()
export class AccessLogEdge {
  @Field()
  cursor: string;

  @Field(() => AccessLogEntry)
  node: AccessLogEntry;
}

@ObjectType()
export class AccessLogConnection {
  @Field(() => [AccessLogEdge])
  edges: AccessLogEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType()
export class AccessLogVerification {
  @Field()
  ok: boolean;

  @Field(() => Int)
  checked: number;

  @Field(() => Int, { nullable: true })
  firstBadSeq: number | null;

  @Field(() => String, { nullable: true })
  problem: string | null;

  @Field(() => Int, { description: "Entries not anchored on chain yet (they wait for the chain or the next anchoring run)." })
  unanchored: number;
}

@ArgsType()
export class ReasonArgs {
  @Field(() => ID)
  id: string;

  @Field()
  @MaxLength(500)
  reason: string;
}

@ArgsType()
export class AmendArgs {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLJSONObject, { description: "The complete new FHIR resource (same resourceType)." })
  resource: object;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  reason?: string;
}

@ObjectType({ description: "Anchoring of the private ledger on chain." })
export class AnchoringStatus {
  @Field(() => Int, { description: "Batches anchored by this call (anchorNow) or 0." })
  anchoredBatches: number;

  @Field(() => Int)
  pendingRecordVersions: number;

  @Field(() => Int)
  pendingAccessLogEntries: number;

  @Field(() => Int, { description: "Chain writes (consents, revocations, break-glass records) committed here and waiting for the chain." })
  pendingChainWrites: number;

  @Field(() => Int, { description: "Chain writes the contracts refused (each shown with its reason on its own object)." })
  failedChainWrites: number;
}
