/** Errors the domain raises on purpose; the GraphQL layer maps `code` to `extensions.code`. */
export type DomainErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  /** Too many requests from this account or address: try again after `retryAfterSeconds`. */
  | "RATE_LIMITED"
  /** A dependency (the chain's RPC) does not answer now; nothing was changed. */
  | "UNAVAILABLE";

export class DomainError extends Error {
  override name = "DomainError";

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const badInput = (message: string): DomainError => new DomainError("BAD_USER_INPUT", message);
export const notFound = (what: string): DomainError => new DomainError("NOT_FOUND", `${what} not found`);
export const forbidden = (message: string): DomainError => new DomainError("FORBIDDEN", message);
export const conflict = (message: string): DomainError => new DomainError("CONFLICT", message);
export const unauthenticated = (): DomainError =>
  new DomainError("UNAUTHENTICATED", "Sign in first: send Authorization: Bearer <token from signIn>");
