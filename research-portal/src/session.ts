/** Sign-in with Ethereum (EIP-4361) through the API, and the signed-in account's roles. */
import type { Api } from "./api";
import type { PortalSigner, TypedDataPayload } from "./wallet";

export type Role = "ADMIN" | "PATIENT" | "DOCTOR" | "ISSUER" | "RESEARCHER" | "ETHICS_BOARD";

export interface Session {
  signer: PortalSigner;
  address: string;
  roles: Role[];
  /** When the API's session token stops working. */
  expiresAt: Date;
}

/** How to get the signer back after a reload: a demo account by index, or the browser wallet. */
export type SignerSource = { kind: "demo"; index: number } | { kind: "wallet" };

/**
 * The signed-in session survives a reload of the tab (sessionStorage: this tab only, gone when it
 * closes) until its token expires. The token is all it keeps; the signer comes back from its
 * source (a browser wallet is asked again only when something needs signing).
 */
const STORAGE_KEY = "medledger:session";

interface StoredSession {
  token: string;
  expiresAt: string;
  address: string;
  roles: Role[];
  source: SignerSource;
}

export async function signIn(api: Api, signer: PortalSigner, source: SignerSource): Promise<Session> {
  const { authChallenge } = await api.request<{ authChallenge: { message: string } }>(
    "mutation($a: String!) { authChallenge(address: $a) { message } }",
    { a: signer.address },
  );
  const signature = await signer.signMessage(authChallenge.message);
  const { signIn } = await api.request<{ signIn: { token: string; expiresAt: string } }>(
    "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token expiresAt } }",
    { m: authChallenge.message, s: signature },
  );
  api.token = signIn.token;
  const { me } = await api.request<{ me: { address: string; roles: Role[] } }>("{ me { address roles } }");
  const stored: StoredSession = { token: signIn.token, expiresAt: signIn.expiresAt, address: me.address, roles: me.roles, source };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  return { signer, address: me.address, roles: me.roles, expiresAt: new Date(signIn.expiresAt) };
}

/** The session this tab signed in with, if its token has not expired; the API gets its token back. */
export function restoreSession(api: Api, signerFor: (source: SignerSource, address: string) => PortalSigner): Session | null {
  let stored: StoredSession;
  try {
    stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as StoredSession;
  } catch {
    stored = null as unknown as StoredSession;
  }
  if (!stored?.token || !(new Date(stored.expiresAt).getTime() > Date.now())) {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
  api.token = stored.token;
  return {
    signer: signerFor(stored.source, stored.address),
    address: stored.address,
    roles: stored.roles,
    expiresAt: new Date(stored.expiresAt),
  };
}

export function forgetSession(api: Api): void {
  api.token = null;
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Signs the EIP-712 typed data the API prepared (a vote) with the session's signer. */
export function signTyped(session: Session, typedData: TypedDataPayload): Promise<string> {
  return session.signer.signTypedData(typedData);
}
