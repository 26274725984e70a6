/**
 * Configuration from the environment, checked once at start-up. Every problem is a
 * ConfigError whose message is one line saying what is wrong and how to fix it.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export class ConfigError extends Error {
  override name = "ConfigError";
}

export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string }
  /** `schema`: a PostgreSQL schema other than public (DATABASE_SCHEMA), e.g. one per test run. */
  | { kind: "postgres"; url: string; schema?: string };

export interface Config {
  port: number;
  host: string;
  production: boolean;
  database: DatabaseConfig;
  rpcUrl: string;
  deploymentsFile: string;
  circuitsDir: string;
  /** 32-byte key that wraps every patient's data key and derives the session-signing key. */
  masterKey: Buffer;
  /** The credential issuer's BabyJubJub private key (32 bytes): this custodian signs credentials. */
  issuerKey: Buffer;
  /** Key of the account that sends the API's transactions (patients and doctors need no ETH). */
  relayerPrivateKey: string | undefined;
  /** Public origin of the API, the domain users sign in to (EIP-4361). */
  publicUrl: string;
  /** The research portal, when known: the API's page at GET /graphql links to its GraphiQL explorer. */
  portalUrl?: string;
  sessionTtlSeconds: number;
  challengeTtlSeconds: number;
  breakGlassSeconds: number;
  /** How often the API anchors new ledger entries on chain; 0 turns the background job off. */
  anchorIntervalSeconds: number;
  /** Entries younger than this wait for the next run (lets concurrent writes commit first). */
  anchorSettleSeconds: number;
  anchorBatchSize: number;
  /** The background job anchors a kind once this many entries wait ... */
  anchorMinBatch: number;
  /** ... or once the oldest waiting entry is this old, whichever comes first. */
  anchorMaxWaitSeconds: number;
  /** How often the outbox worker retries chain writes that wait (each mutation also nudges it); 0: off. */
  outboxIntervalSeconds: number;
  /** Per-process request limits (README, Security). */
  limits: Limits;
}

export interface Limits {
  /** Largest HTTP request body (MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Largest single FHIR resource, as JSON (MAX_RESOURCE_BYTES). */
  maxResourceBytes: number;
  requestsPerMinute: number;
  signInPerMinute: number;
  failedSignInsPer15Minutes: number;
  expensivePerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxResourceBytes: 1024 * 1024,
  requestsPerMinute: 1200,
  signInPerMinute: 60,
  failedSignInsPer15Minutes: 20,
  expensivePerMinute: 60,
};

/** The repository root (api/dist/config or api/src/config -> root). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

type Env = Record<string, string | undefined>;

function parsePort(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name}=${value} is not a port number (0-65535).`);
  }
  return port;
}

function parseUrl(value: string, name: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL: expected ${protocols[0]}//host:port...`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(" or ")}, not ${url.protocol}`);
  }
  return value;
}

function parseSchema(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value))
    throw new ConfigError(`DATABASE_SCHEMA=${value} is not a plain schema name (lower-case letters, digits, _).`);
  return value;
}

/** A database URL without its password, for messages and logs. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(unparseable URL)";
  }
}

function parseSeconds(value: string | undefined, name: string, fallback: number, allowZero = false, unit = "seconds"): number {
  if (value === undefined || value === "") return fallback;
  const seconds = Number(value);
  if (!Number.isSafeInteger(seconds) || seconds < (allowZero ? 0 : 1))
    throw new ConfigError(`${name}=${value} is not a ${allowZero ? "whole" : "positive"} number of ${unit}.`);
  return seconds;
}

const HEX_KEY = /^(0x)?[0-9a-fA-F]{64}$/;

/**
 * A 32-byte secret from the environment (64 hex digits) or, for the embedded stack only, one
 * generated once and kept in DATA_DIR (readable by the owner only). Production requires the
 * variable. MASTER_KEY wraps the patients' data keys; ISSUER_KEY signs credentials.
 */
function loadSecretKey(name: "MASTER_KEY" | "ISSUER_KEY", env: Env, dataDir: string, production: boolean): Buffer {
  const value = env[name];
  if (value) {
    if (!HEX_KEY.test(value))
      throw new ConfigError(`${name} must be 64 hex digits (32 bytes): generate one with \`openssl rand -hex 32\`.`);
    return Buffer.from(value.replace(/^0x/, ""), "hex");
  }
  if (production) {
    throw new ConfigError(
      `${name} is required when NODE_ENV=production: generate one with \`openssl rand -hex 32\` and keep it in your secret store.`,
    );
  }
  const file = path.join(dataDir, name === "MASTER_KEY" ? "master.key" : "issuer.key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  const text = readFileSync(file, "utf8").trim();
  if (!HEX_KEY.test(text)) throw new ConfigError(`${file} does not hold a 64-hex-digit key: restore it from your backup.`);
  return Buffer.from(text, "hex");
}

function databaseOf(env: Env, dataDir: string): DatabaseConfig {
  return env.DATABASE_URL
    ? {
        kind: "postgres",
        url: parseUrl(env.DATABASE_URL, "DATABASE_URL", ["postgres:", "postgresql:"]),
        schema: parseSchema(env.DATABASE_SCHEMA),
      }
    : { kind: "pglite", dataDir: path.join(dataDir, "pglite") };
}

/**
 * What maintenance commands that work on the private ledger without the chain need (the
 * research-index check): the database and the master key, from the same variables as the API.
 */
export function loadLedgerConfig(env: Env = process.env): { database: DatabaseConfig; masterKey: Buffer } {
  const dataDir = path.resolve(REPO_ROOT, env.DATA_DIR || ".data");
  return { database: databaseOf(env, dataDir), masterKey: loadSecretKey("MASTER_KEY", env, dataDir, env.NODE_ENV === "production") };
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = path.resolve(REPO_ROOT, env.DATA_DIR || ".data");
  const database = databaseOf(env, dataDir);
  if (!env.RPC_URL) {
    throw new ConfigError("RPC_URL is not set: start the whole stack with npm start, or point RPC_URL at a JSON-RPC node.");
  }
  const production = env.NODE_ENV === "production";
  const port = parsePort(env.PORT, "PORT", 4000);
  if (env.RELAYER_PRIVATE_KEY && !HEX_KEY.test(env.RELAYER_PRIVATE_KEY)) {
    throw new ConfigError("RELAYER_PRIVATE_KEY must be 0x followed by 64 hex digits.");
  }
  return {
    port,
    host: env.HOST || "127.0.0.1",
    production,
    database,
    rpcUrl: parseUrl(env.RPC_URL, "RPC_URL", ["http:", "https:"]),
    deploymentsFile: path.resolve(REPO_ROOT, env.DEPLOYMENTS_FILE || path.join(dataDir, "deployments.json")),
    circuitsDir: path.resolve(REPO_ROOT, env.CIRCUITS_DIR || path.join("circuits", "artifacts")),
    masterKey: loadSecretKey("MASTER_KEY", env, dataDir, production),
    issuerKey: loadSecretKey("ISSUER_KEY", env, dataDir, production),
    relayerPrivateKey: env.RELAYER_PRIVATE_KEY || undefined,
    portalUrl: env.PORTAL_URL ? parseUrl(env.PORTAL_URL, "PORTAL_URL", ["http:", "https:"]) : undefined,
    publicUrl: env.PUBLIC_URL ? parseUrl(env.PUBLIC_URL, "PUBLIC_URL", ["http:", "https:"]) : `http://localhost:${port}`,
    sessionTtlSeconds: parseSeconds(env.SESSION_TTL_SECONDS, "SESSION_TTL_SECONDS", 8 * 3600),
    challengeTtlSeconds: parseSeconds(env.CHALLENGE_TTL_SECONDS, "CHALLENGE_TTL_SECONDS", 300),
    breakGlassSeconds: parseSeconds(env.BREAK_GLASS_SECONDS, "BREAK_GLASS_SECONDS", 3600),
    anchorIntervalSeconds: parseSeconds(env.ANCHOR_INTERVAL_SECONDS, "ANCHOR_INTERVAL_SECONDS", 10, true),
    anchorSettleSeconds: parseSeconds(env.ANCHOR_SETTLE_SECONDS, "ANCHOR_SETTLE_SECONDS", 2, true),
    anchorBatchSize: parseSeconds(env.ANCHOR_BATCH_SIZE, "ANCHOR_BATCH_SIZE", 1024),
    anchorMinBatch: parseSeconds(env.ANCHOR_MIN_BATCH, "ANCHOR_MIN_BATCH", 256, false, "entries"),
    anchorMaxWaitSeconds: parseSeconds(env.ANCHOR_MAX_WAIT_SECONDS, "ANCHOR_MAX_WAIT_SECONDS", 1800, true),
    outboxIntervalSeconds: parseSeconds(env.OUTBOX_INTERVAL_SECONDS, "OUTBOX_INTERVAL_SECONDS", 2, true),
    limits: {
      maxBodyBytes: parseSeconds(env.MAX_BODY_BYTES, "MAX_BODY_BYTES", DEFAULT_LIMITS.maxBodyBytes, false, "bytes"),
      maxResourceBytes: parseSeconds(env.MAX_RESOURCE_BYTES, "MAX_RESOURCE_BYTES", DEFAULT_LIMITS.maxResourceBytes, false, "bytes"),
      requestsPerMinute: parseSeconds(
        env.RATE_LIMIT_REQUESTS_PER_MINUTE,
        "RATE_LIMIT_REQUESTS_PER_MINUTE",
        DEFAULT_LIMITS.requestsPerMinute,
        false,
        "requests",
      ),
      signInPerMinute: parseSeconds(
        env.RATE_LIMIT_SIGN_IN_PER_MINUTE,
        "RATE_LIMIT_SIGN_IN_PER_MINUTE",
        DEFAULT_LIMITS.signInPerMinute,
        false,
        "requests",
      ),
      failedSignInsPer15Minutes: parseSeconds(
        env.RATE_LIMIT_FAILED_SIGN_INS,
        "RATE_LIMIT_FAILED_SIGN_INS",
        DEFAULT_LIMITS.failedSignInsPer15Minutes,
        false,
        "attempts",
      ),
      expensivePerMinute: parseSeconds(
        env.RATE_LIMIT_EXPENSIVE_PER_MINUTE,
        "RATE_LIMIT_EXPENSIVE_PER_MINUTE",
        DEFAULT_LIMITS.expensivePerMinute,
        false,
        "requests",
      ),
    },
  };
}
