/** The GraphQL API over HTTP: the portal's only way to the system. */
import type { TypedDocumentString } from "./gql/graphql";

export interface PortalConfig {
  graphqlUrl: string;
  /** A chain endpoint for the browser and the AnchorRegistry on it: access-log proofs are then checked on chain. */
  chain?: { rpcUrl: string; anchorRegistry: string };
}

export async function loadConfig(): Promise<PortalConfig> {
  try {
    const response = await fetch("./config.json", { cache: "no-store" });
    if (response.ok) return (await response.json()) as PortalConfig;
  } catch {
    // fall through to the development default
  }
  return { graphqlUrl: "http://localhost:4000/graphql" };
}

/** A GraphQL error as the API types it (extensions.code: UNAUTHENTICATED, FORBIDDEN, ...). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export class Api {
  token: string | null = null;

  constructor(readonly url: string) {}

  /** A typed document from `graphql(...)` (research-portal/src/gql, generated from the API's schema). */
  run<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, anonymous = false): Promise<TResult> {
    return this.request<TResult>(document.toString(), (variables ?? {}) as Record<string, unknown>, anonymous);
  }

  /** `anonymous`: send no session token (enroll and withdraw must not name the caller). */
  async request<T>(query: string, variables: Record<string, unknown> = {}, anonymous = false): Promise<T> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.token && !anonymous) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(this.url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code ?? "ERROR");
    return body.data as T;
  }
}
