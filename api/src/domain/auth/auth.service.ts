/**
 * Sign-in with Ethereum (EIP-4361). `challenge` issues a message with a single-use nonce and an
 * expiry; `signIn` checks the signature, the domain, the chain and the nonce (once only), reads
 * the account's roles from the chain (the source of truth), mirrors them, and returns a
 * session token (JWT, HS256, signed with a key derived from the master key).
 * Every request then re-reads the mirrored roles, so a revoked role takes effect at once.
 */
import { randomBytes } from "node:crypto";

import { jwtVerify, SignJWT } from "jose";
import { SiweMessage } from "siwe";

import type { Actor, Role } from "../actors";
import { badInput, DomainError } from "../errors";

export interface RoleSource {
  rolesOf(address: string): Promise<Role[]>;
}

export interface ChallengeRecord {
  nonce: string;
  address: string;
  issuedAt: Date;
  expiresAt: Date;
}

export interface AccountRecord {
  address: string;
  roles: Role[];
}

export interface AuthStore {
  saveChallenge(challenge: ChallengeRecord): Promise<void>;
  /** Marks the challenge used and returns it, or null when unknown or already used. Atomic. */
  consumeChallenge(nonce: string, at: Date): Promise<ChallengeRecord | null>;
  /** Deletes challenges that expired before `before` (used or not: an expired one can never sign anyone in). */
  purgeExpiredChallenges(before: Date): Promise<number>;
  saveAccount(account: AccountRecord): Promise<void>;
  findAccount(address: string): Promise<AccountRecord | null>;
}

export interface AuthSettings {
  /** e.g. http://localhost:4000: its host is the EIP-4361 domain. */
  publicUrl: string;
  chainId: number;
  challengeTtlSeconds: number;
  sessionTtlSeconds: number;
  signingKey: Buffer;
}

export interface Session {
  token: string;
  expiresAt: Date;
  account: AccountRecord;
}

const STATEMENT = "Sign in to MedLedger. This signature proves you control this address; it costs nothing and moves no funds.";
const denied = (why: string): DomainError => new DomainError("UNAUTHENTICATED", `Sign-in refused: ${why}`);

export class AuthService {
  private readonly domain: string;

  constructor(
    private readonly store: AuthStore,
    private readonly roles: RoleSource,
    private readonly settings: AuthSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.domain = new URL(settings.publicUrl).host;
  }

  async challenge(address: string): Promise<{ message: string; nonce: string; expiresAt: Date }> {
    const issuedAt = this.clock();
    const expiresAt = new Date(issuedAt.getTime() + this.settings.challengeTtlSeconds * 1000);
    const nonce = randomBytes(16).toString("hex");
    let message: string;
    try {
      message = this.messageFor({ nonce, address, issuedAt, expiresAt });
    } catch {
      throw badInput("address must be an EIP-55 checksummed Ethereum address (0x followed by 40 hex digits)");
    }
    // Challenges live for minutes: each new one sweeps away the expired, so the table never grows with traffic.
    await this.store.purgeExpiredChallenges(issuedAt);
    await this.store.saveChallenge({ nonce, address, issuedAt, expiresAt });
    return { message, nonce, expiresAt };
  }

  /** The one EIP-4361 message a challenge stands for: sign-in accepts exactly this text. */
  private messageFor(challenge: { nonce: string; address: string; issuedAt: Date; expiresAt: Date }): string {
    return new SiweMessage({
      domain: this.domain,
      address: challenge.address,
      statement: STATEMENT,
      uri: this.settings.publicUrl,
      version: "1",
      chainId: this.settings.chainId,
      nonce: challenge.nonce,
      issuedAt: challenge.issuedAt.toISOString(),
      expirationTime: challenge.expiresAt.toISOString(),
    }).prepareMessage();
  }

  async signIn(messageText: string, signature: string): Promise<Session> {
    let message: SiweMessage;
    try {
      message = new SiweMessage(messageText);
    } catch {
      throw badInput("message is not an EIP-4361 sign-in message: use the message from authChallenge unchanged");
    }
    if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) throw badInput("signature must be a 65-byte hex string (0x + 130 hex digits)");
    if (message.domain !== this.domain || message.uri !== this.settings.publicUrl)
      throw denied(`the message is for ${message.domain}, not ${this.domain}`);
    if (message.chainId !== this.settings.chainId)
      throw denied(`the message is for chain ${message.chainId}, not ${this.settings.chainId}`);
    const now = this.clock();
    const verified = await message.verify({ signature, domain: this.domain, time: now.toISOString() }, { suppressExceptions: true });
    if (!verified.success) throw denied(verified.error?.type ?? "the signature does not match the address");
    const challenge = await this.store.consumeChallenge(message.nonce, now);
    if (!challenge) throw denied("unknown or already used nonce: request a new authChallenge");
    if (challenge.address !== message.address) throw denied("the nonce was issued to another address");
    if (challenge.expiresAt <= now) throw denied("the challenge expired: request a new authChallenge");
    // Every field counts (statement, issue time, expiry…): a message edited after issue is refused, even if signed.
    if (messageText !== this.messageFor(challenge)) {
      throw denied("the signed message differs from the challenge issued: sign the authChallenge message unchanged");
    }

    const account = await this.currentRoles(message.address);
    const expiresAt = new Date(now.getTime() + this.settings.sessionTtlSeconds * 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(account.address)
      .setIssuer(this.domain)
      .setAudience(this.domain)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .setJti(challenge.nonce)
      .sign(this.settings.signingKey);
    return { token, expiresAt, account };
  }

  /** The caller behind a bearer token; throws UNAUTHENTICATED for a bad or expired token. */
  async authenticate(token: string): Promise<Actor> {
    let subject: string | undefined;
    try {
      const { payload } = await jwtVerify(token, this.settings.signingKey, {
        issuer: this.domain,
        audience: this.domain,
        algorithms: ["HS256"],
        currentDate: this.clock(),
      });
      subject = payload.sub;
    } catch {
      throw new DomainError("UNAUTHENTICATED", "The session token is invalid or expired: sign in again");
    }
    const account = subject ? await this.store.findAccount(subject) : null;
    if (!account) throw new DomainError("UNAUTHENTICATED", "Unknown account: sign in again");
    return { address: account.address, roles: new Set(account.roles) };
  }

  /**
   * The roles on chain (the source of truth), mirrored. When the chain does not answer, a known
   * account signs in with its mirrored roles (the chain sync corrects them when the chain
   * returns); an unknown one is told to try again, since its roles cannot be read.
   */
  private async currentRoles(address: string): Promise<AccountRecord> {
    let roles: Role[];
    try {
      roles = await this.roles.rolesOf(address);
    } catch {
      const known = await this.store.findAccount(address);
      if (known) return known;
      throw new DomainError("UNAVAILABLE", "The chain does not answer, so your roles cannot be read: try again in a minute");
    }
    const account = { address, roles };
    await this.store.saveAccount(account);
    return account;
  }

  /** After the admin changes roles on chain, refresh the mirror. */
  async refreshRoles(address: string): Promise<AccountRecord> {
    const account = { address, roles: await this.roles.rolesOf(address) };
    await this.store.saveAccount(account);
    return account;
  }
}
