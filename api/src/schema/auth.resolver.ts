import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";

import type { AccountRecord } from "../domain/auth/auth.service";
import { Account, AddressArgs, AuthChallenge, RoleArgs, Session } from "./auth.type";
import { requireActor, type RequestContext } from "./context";
import { RoleEnum, toRole } from "./enums";

async function toAccount(context: RequestContext, account: AccountRecord): Promise<Account> {
  const patient = await context.services.recordStore.findPatientByAccount(account.address);
  return { address: account.address, roles: account.roles as string[] as RoleEnum[], patientId: patient?.id ?? null };
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthChallenge, { description: "Step 1 of sign-in: an EIP-4361 message with a single-use nonce for this address." })
  authChallenge(@Args() { address }: AddressArgs, @Ctx() { services }: RequestContext): Promise<AuthChallenge> {
    return services.auth.challenge(address);
  }

  @Mutation(() => Session, { description: "Step 2 of sign-in: the message from authChallenge and its personal_sign signature." })
  async signIn(@Arg("message") message: string, @Arg("signature") signature: string, @Ctx() context: RequestContext): Promise<Session> {
    const session = await context.services.auth.signIn(message, signature);
    return { token: session.token, expiresAt: session.expiresAt, account: await toAccount(context, session.account) };
  }

  @Query(() => Account, { description: "The signed-in account." })
  async me(@Ctx() context: RequestContext): Promise<Account> {
    const actor = requireActor(context);
    return toAccount(context, { address: actor.address, roles: [...actor.roles] });
  }

  @Mutation(() => Account, { description: "Admin only: grants a role on chain (through the API's relayer) and mirrors it." })
  async grantRole(@Args() { address, role }: RoleArgs, @Ctx() context: RequestContext): Promise<Account> {
    if (context.authError) throw context.authError;
    return toAccount(context, await context.services.roleAdmin.setRole(context.actor, address, toRole(role), true));
  }

  @Mutation(() => Account, { description: "Admin only: revokes a role on chain and mirrors it." })
  async revokeRole(@Args() { address, role }: RoleArgs, @Ctx() context: RequestContext): Promise<Account> {
    if (context.authError) throw context.authError;
    return toAccount(context, await context.services.roleAdmin.setRole(context.actor, address, toRole(role), false));
  }
}
