import { ArrayMaxSize, Matches, MaxLength } from "class-validator";
import { GraphQLJSONObject, GraphQLSafeInt } from "graphql-scalars";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";

import { ADDRESS_PATTERN } from "./auth.type";
import { ChainWriteStatus, PurposeOfUse } from "./enums";

export enum ConsentStateEnum {
  ACTIVE = "ACTIVE",
  EXPIRED = "EXPIRED",
  REVOKED = "REVOKED",
}
registerEnumType(ConsentStateEnum, { name: "ConsentState" });

export enum AccessRequestStatus {
  PENDING = "PENDING",
  GRANTED = "GRANTED",
  DECLINED = "DECLINED",
}
registerEnumType(AccessRequestStatus, { name: "AccessRequestStatus" });

@InputType({ description: "What a patient consents to: who, which part of the records, why, until when." })
export class ConsentInput {
  @Field({ description: "The doctor's address." })
  @Matches(ADDRESS_PATTERN, { message: "grantee must be 0x followed by 40 hex digits" })
  grantee: string;

  @Field(() => [String], { defaultValue: [], description: "FHIR resource types, e.g. Condition, Observation." })
  @ArrayMaxSize(50)
  resourceTypes: string[];

  @Field(() => [ID], { defaultValue: [], description: "Individual record ids." })
  @ArrayMaxSize(500)
  recordIds: string[];

  @Field(() => PurposeOfUse)
  purpose: PurposeOfUse;

  @Field()
  expiresAt: Date;

  @Field(() => ID, { nullable: true, description: "The access request this consent answers." })
  requestId?: string;
}

@ObjectType({ description: "EIP-712 typed data to sign with eth_signTypedData_v4, then send to grantConsent." })
export class ConsentToSign {
  @Field(() => GraphQLJSONObject)
  typedData: object;

  @Field({ description: "Send back unchanged with grantConsent." })
  nonce: string;
}

@ObjectType({ description: "EIP-712 typed data to sign, then send to revokeConsent." })
export class RevocationToSign {
  @Field(() => GraphQLJSONObject)
  typedData: object;

  @Field(() => GraphQLSafeInt, { description: "Unix seconds; send back unchanged with revokeConsent." })
  deadline: number;
}

@ObjectType({ description: "A consent as recorded on chain (ConsentRegistry) and mirrored by the API." })
export class Consent {
  @Field(() => ID, { description: "The consent's EIP-712 digest, also its id on chain." })
  id: string;

  @Field(() => ID)
  patientId: string;

  @Field()
  grantee: string;

  @Field(() => [String])
  resourceTypes: string[];

  @Field(() => [ID])
  recordIds: string[];

  @Field(() => PurposeOfUse)
  purpose: PurposeOfUse;

  @Field()
  expiresAt: Date;

  @Field(() => ConsentStateEnum)
  state: ConsentStateEnum;

  @Field({ description: "sha256 of the canonical scope: what the chain holds instead of the scope." })
  scopeHash: string;

  @Field()
  grantedAt: Date;

  @Field(() => String, { nullable: true, description: "Transaction that recorded the consent; null until it is mined." })
  grantTx: string | null;

  @Field(() => Date, { nullable: true, description: "When the revocation took effect (at once, before the chain records it)." })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true })
  revokeTx: string | null;

  @Field(() => ChainWriteStatus, { description: "How the latest chain write for this consent (grant, then revocation) went." })
  chainStatus: ChainWriteStatus;

  @Field(() => String, { nullable: true, description: "Why the chain refused the latest write (chainStatus FAILED)." })
  chainError: string | null;

  @Field(() => ID, { nullable: true })
  requestId: string | null;
}

@ObjectType({ description: "A doctor's request to see part of a patient's records." })
export class AccessRequest {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  patientId: string;

  @Field()
  requester: string;

  @Field(() => [String])
  resourceTypes: string[];

  @Field(() => [ID])
  recordIds: string[];

  @Field(() => PurposeOfUse)
  purpose: PurposeOfUse;

  @Field()
  reason: string;

  @Field(() => AccessRequestStatus)
  status: AccessRequestStatus;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  answeredAt: Date | null;

  @Field(() => ID, { nullable: true })
  consentId: string | null;
}

@ObjectType({ description: "A break-glass emergency access to the patient's emergency profile." })
export class EmergencyAccess {
  @Field(() => ID)
  id: string;

  @Field()
  doctor: string;

  @Field()
  reason: string;

  @Field()
  at: Date;

  @Field()
  expiresAt: Date;

  @Field()
  active: boolean;

  @Field(() => String, { nullable: true, description: "Transaction of the on-chain EmergencyAccessRecorded event; null until mined." })
  txHash: string | null;

  @Field(() => ChainWriteStatus)
  chainStatus: ChainWriteStatus;
}

@InputType()
export class AccessRequestInput {
  @Field(() => ID)
  patientId: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(50)
  resourceTypes: string[];

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(500)
  recordIds: string[];

  @Field(() => PurposeOfUse)
  purpose: PurposeOfUse;

  @Field()
  @MaxLength(500)
  reason: string;
}
