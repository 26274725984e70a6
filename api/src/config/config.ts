/**
 * Configuration from the environment, checked once at start-up. Every problem is a
 * ConfigError whose message is one line saying what is wrong and how to fix it.
 */
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
}

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

export function loadConfig(env: Env = process.env): Config {
  const dataDir = path.resolve(REPO_ROOT, env.DATA_DIR || ".data");
  const database: DatabaseConfig = env.DATABASE_URL
    ? {
        kind: "postgres",
        url: parseUrl(env.DATABASE_URL, "DATABASE_URL", ["postgres:", "postgresql:"]),
        schema: parseSchema(env.DATABASE_SCHEMA),
      }
    : { kind: "pglite", dataDir: path.join(dataDir, "pglite") };
  if (!env.RPC_URL) {
    throw new ConfigError("RPC_URL is not set: start the whole stack with npm start, or point RPC_URL at a JSON-RPC node.");
  }
  return {
    port: parsePort(env.PORT, "PORT", 4000),
    host: env.HOST || "127.0.0.1",
    production: env.NODE_ENV === "production",
    database,
    rpcUrl: parseUrl(env.RPC_URL, "RPC_URL", ["http:", "https:"]),
    deploymentsFile: path.resolve(REPO_ROOT, env.DEPLOYMENTS_FILE || path.join(dataDir, "deployments.json")),
    circuitsDir: path.resolve(REPO_ROOT, env.CIRCUITS_DIR || path.join("circuits", "artifacts")),
  };
}
