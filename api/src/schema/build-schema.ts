import "reflect-metadata";

import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";

import { AuthResolver } from "./auth.resolver";
import { ClaimsResolver } from "./claims.resolver";
import { ConsentResolver } from "./consent.resolver";
import { CredentialResolver } from "./credential.resolver";
import { HealthResolver } from "./health.resolver";
import { RecordResolver } from "./record.resolver";
import { ResearchResolver } from "./research.resolver";
import { StudyResolver } from "./study.resolver";

export const RESOLVERS = [
  HealthResolver,
  AuthResolver,
  RecordResolver,
  ConsentResolver,
  StudyResolver,
  ResearchResolver,
  CredentialResolver,
  ClaimsResolver,
] as const;

export function buildMedLedgerSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: true });
}
