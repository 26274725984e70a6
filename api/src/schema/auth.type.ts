import { Matches } from "class-validator";
import { ArgsType, Field, ID, ObjectType } from "type-graphql";

import { RoleEnum } from "./enums";

export const ADDRESS_PATTERN = /^0x[0-9a-fA-F]{40}$/;

@ObjectType({ description: "An Ethereum account known to MedLedger, with its roles as mirrored from the chain." })
export class Account {
  @Field({ description: "EIP-55 checksummed address." })
  address: string;

  @Field(() => [RoleEnum])
  roles: RoleEnum[];

  @Field(() => ID, { nullable: true, description: "The patient record this account owns, if it is a patient." })
  patientId: string | null;
}

@ObjectType({ description: "An EIP-4361 message to sign with the account's key, valid once and until expiresAt." })
export class AuthChallenge {
  @Field()
  message: string;

  @Field()
  nonce: string;

  @Field()
  expiresAt: Date;
}

@ObjectType()
export class Session {
  @Field({ description: "Send as `Authorization: Bearer <token>`." })
  token: string;

  @Field()
  expiresAt: Date;

  @Field(() => Account)
  account: Account;
}

@ArgsType()
export class RoleArgs {
  @Field()
  @Matches(ADDRESS_PATTERN, { message: "address must be 0x followed by 40 hex digits" })
  address: string;

  @Field(() => RoleEnum)
  role: RoleEnum;
}

@ArgsType()
export class AddressArgs {
  @Field({ description: "EIP-55 checksummed address" })
  @Matches(ADDRESS_PATTERN, { message: "address must be 0x followed by 40 hex digits" })
  address: string;
}
