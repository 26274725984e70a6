/** A minimal GraphQL client for the scripts: one request, or sign-in with a demo key. */
import type { HDNodeWallet } from "ethers";

import { UserFacingError } from "./log.ts";

export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new UserFacingError(`No MedLedger API answers at ${url}: start it with npm start (or set API_URL).`);
  }
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data || body.errors?.length) throw new UserFacingError(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body.data;
}

/** EIP-4361 sign-in with a wallet; returns the session token. */
export async function signInWith(url: string, wallet: HDNodeWallet): Promise<string> {
  const { authChallenge } = await graphql<{ authChallenge: { message: string } }>(
    url,
    "mutation($a: String!) { authChallenge(address: $a) { message } }",
    {
      a: wallet.address,
    },
  );
  const { signIn } = await graphql<{ signIn: { token: string } }>(
    url,
    "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }",
    {
      m: authChallenge.message,
      s: await wallet.signMessage(authChallenge.message),
    },
  );
  return signIn.token;
}

/** EIP-712 typed data as the API prepares it (the eth_signTypedData_v4 payload). */
export interface WalletTypedData {
  domain: Record<string, unknown>;
  types: Record<string, { name: string; type: string }[]>;
  message: Record<string, unknown>;
}

/** Signs the API's typed data with ethers, which derives EIP712Domain from the domain and wants it left out of `types`. */
export function signWithEthers(wallet: HDNodeWallet, typed: WalletTypedData): Promise<string> {
  const { EIP712Domain: _domainType, ...types } = typed.types;
  return wallet.signTypedData(typed.domain, types, typed.message);
}
