import "reflect-metadata";

import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";

import { HealthResolver } from "./health.resolver";

export const RESOLVERS = [HealthResolver] as const;

export function buildMedLedgerSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: true });
}
