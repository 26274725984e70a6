/**
 * Test helpers for the API's integration tests: a real database (a fresh PGlite folder, or a
 * fresh schema in the PostgreSQL at DATABASE_URL) and the Hardhat chain from the jest global
 * setup. Only tests import this folder.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { Client } from "pg";

import type { Config, DatabaseConfig } from "../config/config";
import { REPO_ROOT } from "../config/config";

export interface TestDatabase {
  database: DatabaseConfig;
  /** Drops the schema (PostgreSQL); PGlite folders live in the OS temp folder. */
  cleanup(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    return { database: { kind: "pglite", dataDir: mkdtempSync(path.join(tmpdir(), "medledger-pglite-")) }, cleanup: async () => undefined };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  return {
    database: { kind: "postgres", url, schema },
    async cleanup() {
      const admin = new Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

export function testChain(): { rpcUrl: string; deploymentsFile: string } {
  const rpcUrl = process.env.TEST_RPC_URL;
  const deploymentsFile = process.env.TEST_DEPLOYMENTS_FILE;
  if (!rpcUrl || !deploymentsFile) throw new Error("the jest global setup did not start the Hardhat chain");
  return { rpcUrl, deploymentsFile };
}

export function testConfig(database: DatabaseConfig, overrides: Partial<Config> = {}): Config {
  const { rpcUrl, deploymentsFile } = testChain();
  return {
    port: 0,
    host: "127.0.0.1",
    production: false,
    database,
    rpcUrl,
    deploymentsFile,
    circuitsDir: path.join(REPO_ROOT, "circuits", "artifacts"),
    masterKey: randomBytes(32),
    relayerPrivateKey: undefined,
    publicUrl: "http://localhost:4000",
    sessionTtlSeconds: 3600,
    challengeTtlSeconds: 300,
    breakGlassSeconds: 3600,
    ...overrides,
  };
}

export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}
