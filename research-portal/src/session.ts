/** Sign-in with Ethereum (EIP-4361) through the API, and the signed-in account's roles. */
import type { Api } from "./api";
import type { PortalSigner, TypedDataPayload } from "./wallet";

export type Role = "ADMIN" | "PATIENT" | "DOCTOR" | "ISSUER" | "RESEARCHER" | "ETHICS_BOARD";

export interface Session {
  signer: PortalSigner;
  address: string;
  roles: Role[];
}

export async function signIn(api: Api, signer: PortalSigner): Promise<Session> {
  const { authChallenge } = await api.request<{ authChallenge: { message: string } }>(
    "mutation($a: String!) { authChallenge(address: $a) { message } }",
    { a: signer.address },
  );
  const signature = await signer.signMessage(authChallenge.message);
  const { signIn } = await api.request<{ signIn: { token: string } }>(
    "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }",
    { m: authChallenge.message, s: signature },
  );
  api.token = signIn.token;
  const { me } = await api.request<{ me: { address: string; roles: Role[] } }>("{ me { address roles } }");
  return { signer, address: me.address, roles: me.roles };
}

/** Signs the EIP-712 typed data the API prepared (a vote) with the session's signer. */
export function signTyped(session: Session, typedData: TypedDataPayload): Promise<string> {
  return session.signer.signTypedData(typedData);
}
