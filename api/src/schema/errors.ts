/**
 * The one place GraphQL errors are shaped. Errors thrown on purpose carry an
 * `extensions.code` (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, CONFLICT) and keep
 * their message; anything unexpected is logged with an id and masked.
 */
import { randomUUID } from "node:crypto";

import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";

import { DomainError } from "../domain/errors";

export const PUBLIC_CODES = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
]);

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { code: original.code } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PUBLIC_CODES.has(code)) {
    const validation = formatted.extensions?.validationErrors;
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: validation ? { code, validationErrors: validation } : { code },
    };
  }
  const errorId = randomUUID();
  // Only the error's class and message: never variables or payloads (they may hold clinical data).
  console.error(`[api] internal error ${errorId}: ${original instanceof Error ? `${original.name}: ${original.message}` : "unknown"}`);
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR", errorId } };
}
