import "reflect-metadata";

import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";

import { AuthResolver } from "./auth.resolver";
import { HealthResolver } from "./health.resolver";
import { RecordResolver } from "./record.resolver";

export const RESOLVERS = [HealthResolver, AuthResolver, RecordResolver] as const;

export function buildMedLedgerSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: true });
}
