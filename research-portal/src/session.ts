/** Sign-in with Ethereum (EIP-4361) through the API, and the signed-in account's roles. */
import type { Api } from "./api";
import { graphql } from "./gql";
import type { Role } from "./gql/graphql";
import type { PortalSigner, TypedDataPayload } from "./wallet";

export type { Role };

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

const AUTH_CHALLENGE = graphql(`
  mutation AuthChallenge($address: String!) {
    authChallenge(address: $address) {
      message
    }
  }
`);

const SIGN_IN = graphql(`
  mutation SignIn($message: String!, $signature: String!) {
    signIn(message: $message, signature: $signature) {
      token
      expiresAt
    }
  }
`);

const ME = graphql(`
  query Me {
    me {
      address
      roles
    }
  }
`);

export async function signIn(api: Api, signer: PortalSigner, source: SignerSource): Promise<Session> {
  const { authChallenge } = await api.run(AUTH_CHALLENGE, { address: signer.address });
  const signature = await signer.signMessage(authChallenge.message);
  const { signIn } = await api.run(SIGN_IN, { message: authChallenge.message, signature });
  api.token = signIn.token;
  const { me } = await api.run(ME, {});
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
