/**
 * `npm run token -- <demo index or role>`: signs in to a running MedLedger (EIP-4361) with a
 * demo account's key and prints a session token, for trying the API with curl.
 * Development only: the demo keys are public.
 *
 *   TOKEN=$(npm run -s token -- doctor)
 *   curl -H "authorization: Bearer $TOKEN" ...
 */
import demo from "../contracts/deploy/demo-accounts.json" with { type: "json" };
import { demoWallet } from "./lib/contracts.ts";
import { signInWith } from "./lib/graphql-client.ts";
import { exitOnError, UserFacingError } from "./lib/log.ts";

async function main(): Promise<void> {
  const which = process.argv[2] ?? "admin";
  const account = /^\d+$/.test(which) ? demo.accounts.find((a) => a.index === Number(which)) : demo.accounts.find((a) => a.role === which);
  if (!account) {
    throw new UserFacingError(
      `Unknown demo account "${which}": use an index 0-11 or a role (${[...new Set(demo.accounts.map((a) => a.role))].join(", ")}).`,
    );
  }
  const url = process.env.API_URL ?? `http://localhost:${process.env.PORT ?? 4000}/graphql`;
  const wallet = demoWallet(account.index);
  const token = await signInWith(url, wallet);
  console.error(`signed in as ${account.label} (${wallet.address})`);
  console.log(token);
}

main().catch(exitOnError);
