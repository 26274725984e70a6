import { GraphQLSafeInt } from "graphql-scalars";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";

export enum DatabaseKindEnum {
  PGLITE = "pglite",
  POSTGRES = "postgres",
}
registerEnumType(DatabaseKindEnum, { name: "DatabaseKind", description: "Which PostgreSQL the API stores its private ledger in." });

@ObjectType({ description: "The private ledger's database." })
export class DatabaseHealth {
  @Field(() => DatabaseKindEnum)
  kind: DatabaseKindEnum;

  @Field({ description: "Whether a trivial query succeeded just now." })
  reachable: boolean;
}

@ObjectType({ description: "A deployed MedLedger contract." })
export class ContractInfo {
  @Field()
  name: string;

  @Field({ description: "Checksummed address." })
  address: string;
}

@ObjectType({ description: "The public ledger: the EVM chain the API relays to." })
export class ChainHealth {
  @Field({ description: "EIP-155 chain id, as a decimal string." })
  chainId: string;

  @Field()
  reachable: boolean;

  @Field(() => GraphQLSafeInt, { nullable: true, description: "Latest block number; null when the node does not answer." })
  latestBlock: number | null;

  @Field(() => [ContractInfo])
  contracts: ContractInfo[];
}

@ObjectType("CircuitInfo", { description: "A zero-knowledge circuit and its Groth16 verification key." })
export class CircuitInfoType {
  @Field()
  name: string;

  @Field(() => Int, { description: "R1CS constraints at circom --O2." })
  constraints: number;

  @Field(() => Int, { description: "Public inputs and outputs." })
  publicSignals: number;

  @Field({ description: "The generated Solidity verifier contract." })
  verifierContract: string;

  @Field({ description: "sha256 of the verification key file, as sha256:<hex>." })
  verificationKeyHash: string;

  @Field({
    description:
      "How the keys were made: development (a public beacon: anyone can forge proofs; served on the local chain 31337 only) or ceremony (npm run ceremony).",
  })
  setup: string;
}

@ObjectType({ description: "Whether each part of MedLedger is wired and answering." })
export class Health {
  @Field({ description: "True when the database and the chain both answer." })
  ok: boolean;

  @Field(() => DatabaseHealth)
  database: DatabaseHealth;

  @Field(() => ChainHealth)
  chain: ChainHealth;

  @Field(() => [CircuitInfoType])
  circuits: CircuitInfoType[];

  @Field({
    description:
      "True when this API process runs the background jobs (anchoring, chain sync, the outbox worker). Several processes on one PostgreSQL elect exactly one with an advisory lock; false while the jobs are switched off (interval 0).",
  })
  backgroundJobs: boolean;
}
