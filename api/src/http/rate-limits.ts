/**
 * Rate limits (rate-limiter-flexible): every caller is counted by account when signed in and
 * by IP address otherwise. On PostgreSQL the counters live in the `rate_limit` table, so
 * several API processes share them (a caller cannot multiply the limits by spreading requests
 * over processes); if PostgreSQL does not answer, each process falls back to counting in its
 * memory. On PGlite (one process) they are counted in memory.
 *
 * - requests:      all GraphQL operations, per account or IP;
 * - sign-in:       authChallenge and signIn, per IP (challenges are rows: a flood of them is a write flood);
 * - failed sign-in: refused signIn attempts, per IP; once spent, signIn answers RATE_LIMITED until it refills;
 * - expensive:     exports, verifications, cohort counts, releases, proofs (request-limits.ts; not imports), per account or IP.
 *
 * A refused request gets HTTP 429, a Retry-After header and a GraphQL error with code
 * RATE_LIMITED and `retryAfterSeconds`; it changes nothing and reaches no resolver.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, type OperationDefinitionNode } from "graphql";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { DataSource } from "typeorm";

import type { Limits } from "../config/config";
import { EXPENSIVE_FIELDS } from "./request-limits";

/**
 * Expensive fields that draw on the per-minute budget. Imports do not: an integration engine
 * imports charts back to back, and each import is already bounded by MAX_BODY_BYTES and by the
 * one-expensive-field-per-request rule.
 */
const BUDGETED_FIELDS = new Set([...EXPENSIVE_FIELDS].filter((name) => name !== "importBundle"));

/** What the limiter needs from the request context. */
export interface RateLimitedContext {
  ip: string;
  actor: { address: string } | null;
}

function limited(what: string, retryMs: number): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryMs / 1000));
  return new GraphQLError(`Too many ${what}: try again in ${retryAfterSeconds} s`, {
    extensions: {
      code: "RATE_LIMITED",
      retryAfterSeconds,
      http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) },
    },
  });
}

async function consume(limiter: RateLimiterAbstract, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw limited(what, error.msBeforeNext);
    throw error;
  }
}

const rootFields = (operation: OperationDefinitionNode): string[] =>
  operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));

/** Field names anywhere in the operation (expensive fields may be nested under an alias only at the root, but be safe). */
function allFields(operation: OperationDefinitionNode): string[] {
  const names: string[] = [];
  const stack = [...operation.selectionSet.selections];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === Kind.FIELD) {
      names.push(node.name.value);
      if (node.selectionSet) stack.push(...node.selectionSet.selections);
    } else if (node.kind === Kind.INLINE_FRAGMENT) stack.push(...node.selectionSet.selections);
  }
  return names;
}

/** Where the counters live: this process's memory, or PostgreSQL shared by every process. */
export type RateLimitStore = { kind: "memory" } | { kind: "postgres"; dataSource: DataSource; schema?: string };

function limiter(store: RateLimitStore, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  if (store.kind === "memory") return memory;
  return new RateLimiterPostgres({
    storeClient: store.dataSource,
    storeType: "typeorm",
    tableName: "rate_limit",
    schemaName: store.schema,
    tableCreated: true, // migration 1764001200000
    clearExpiredByTimeout: true,
    keyPrefix,
    points,
    duration,
    insuranceLimiter: memory,
  });
}

export function rateLimitPlugin<C extends RateLimitedContext>(
  limits: Limits,
  store: RateLimitStore = { kind: "memory" },
): ApolloServerPlugin<C> {
  const requests = limiter(store, "requests", limits.requestsPerMinute, 60);
  const signIn = limiter(store, "sign-in", limits.signInPerMinute, 60);
  const failedSignIn = limiter(store, "failed-sign-in", limits.failedSignInsPer15Minutes, 15 * 60);
  const expensive = limiter(store, "expensive", limits.expensivePerMinute, 60);
  return {
    async requestDidStart() {
      let signingIn = false;
      return {
        async didResolveOperation({ operation, contextValue }) {
          const caller = contextValue.actor?.address ?? `ip:${contextValue.ip}`;
          await consume(requests, caller, "requests");
          if (!operation) return;
          const roots = rootFields(operation);
          if (roots.includes("authChallenge") || roots.includes("signIn")) {
            await consume(signIn, contextValue.ip, "sign-in requests");
            signingIn = roots.includes("signIn");
            if (signingIn) {
              const failures = await failedSignIn.get(contextValue.ip);
              if (failures && failures.remainingPoints <= 0) throw limited("failed sign-ins", failures.msBeforeNext);
            }
          }
          if (allFields(operation).some((name) => BUDGETED_FIELDS.has(name))) await consume(expensive, caller, "expensive requests");
        },
        async willSendResponse({ response, contextValue }) {
          if (!signingIn || response.body.kind !== "single") return;
          const refused = response.body.singleResult.errors?.some((e) => e.extensions?.code === "UNAUTHENTICATED");
          if (refused) await failedSignIn.penalty(contextValue.ip, 1);
        },
      };
    },
  };
}
