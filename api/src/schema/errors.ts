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
  "RATE_LIMITED",
  "UNAVAILABLE",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** PostgreSQL SQLSTATEs that mean "your input" or "someone else got there first", not "we broke". */
const SQL_STATES: Record<string, [string, string]> = {
  "23505": ["CONFLICT", "This already exists (another request created it at the same moment): read it, or try again with new values"],
  "22021": ["BAD_USER_INPUT", "A text value is not valid UTF-8"],
  "22P05": ["BAD_USER_INPUT", "A text value contains a character the database cannot store (such as NUL)"],
  "22003": ["BAD_USER_INPUT", "A number is out of range"],
  "22P02": ["BAD_USER_INPUT", "A value has the wrong format"],
  "22007": ["BAD_USER_INPUT", "A date or time has the wrong format"],
  "22008": ["BAD_USER_INPUT", "A date or time is out of range"],
};

/** An RPC failure (ethers' NETWORK_ERROR / TIMEOUT, a refused or reset connection), by shape: this room does not import ethers. */
function isChainUnreachable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } } | null;
  if (!e || typeof e !== "object") return false;
  if (e.code === "NETWORK_ERROR" || e.code === "TIMEOUT") return true;
  const code = e.cause?.code ?? e.code;
  return code === "ECONNREFUSED" || code === "ECONNRESET" || /ECONNREFUSED|ECONNRESET/.test(String(e.message ?? ""));
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { code: original.code } };
  }
  // Database refusals that are the caller's doing, wherever they surface: the loser of an insert race, a value PostgreSQL cannot hold.
  const sqlState = (original as { driverError?: { code?: string }; code?: string } | null)?.driverError?.code;
  const mapped = sqlState ? SQL_STATES[sqlState] : undefined;
  if (mapped) return { message: mapped[1], path: formatted.path, extensions: { code: mapped[0] } };
  // A write relayed to the chain in the request (roles, votes, enrollments) found the chain down before it changed anything.
  if (isChainUnreachable(original)) {
    return {
      message: "The chain does not answer, so this could not be done now (nothing was changed): try again shortly",
      path: formatted.path,
      extensions: { code: "UNAVAILABLE" },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PUBLIC_CODES.has(code)) {
    const validation = formatted.extensions?.validationErrors;
    const retryAfterSeconds = formatted.extensions?.retryAfterSeconds;
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: validation ? { code, validationErrors: validation } : retryAfterSeconds ? { code, retryAfterSeconds } : { code },
    };
  }
  const errorId = randomUUID();
  // Only the error's class and message: never variables or payloads (they may hold clinical data).
  console.error(`[api] internal error ${errorId}: ${original instanceof Error ? `${original.name}: ${original.message}` : "unknown"}`);
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR", errorId } };
}
