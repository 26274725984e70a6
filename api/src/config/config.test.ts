import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { ConfigError, loadConfig, redactUrl, REPO_ROOT } from "./config";

const KEY = "11".repeat(32);
const RPC = { RPC_URL: "http://127.0.0.1:8545", MASTER_KEY: KEY };

describe("loadConfig", () => {
  it("defaults to embedded PGlite under .data, port 4000 and the committed circuits", () => {
    const config = loadConfig(RPC);
    expect(config.database).toEqual({ kind: "pglite", dataDir: path.join(REPO_ROOT, ".data", "pglite") });
    expect(config.port).toBe(4000);
    expect(config.deploymentsFile).toBe(path.join(REPO_ROOT, ".data", "deployments.json"));
    expect(config.circuitsDir).toBe(path.join(REPO_ROOT, "circuits", "artifacts"));
    expect(config.production).toBe(false);
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const config = loadConfig({ ...RPC, DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test", DATABASE_SCHEMA: "medledger" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://postgres@127.0.0.1:5432/test", schema: "medledger" });
  });

  it.each([
    [{ ...RPC, DATABASE_URL: "mysql://root@localhost/db" }, "DATABASE_URL must start with postgres: or postgresql:"],
    [{ ...RPC, DATABASE_URL: "not a url" }, "DATABASE_URL is not a URL"],
    [{ ...RPC, DATABASE_URL: "postgres://h/db", DATABASE_SCHEMA: "x; drop table" }, "DATABASE_SCHEMA"],
    [{ ...RPC, PORT: "http" }, "PORT=http is not a port number"],
    [{ ...RPC, PORT: "70000" }, "PORT=70000 is not a port number"],
    [{ MASTER_KEY: KEY }, "RPC_URL is not set"],
    [{ ...RPC, RPC_URL: "ws://127.0.0.1:8545" }, "RPC_URL must start with http: or https:"],
    [{ ...RPC, MASTER_KEY: "short" }, "MASTER_KEY must be 64 hex digits"],
    [{ RPC_URL: "http://127.0.0.1:8545", NODE_ENV: "production" }, "MASTER_KEY is required when NODE_ENV=production"],
    [{ ...RPC, RELAYER_PRIVATE_KEY: "0x1234" }, "RELAYER_PRIVATE_KEY must be 0x followed by 64 hex digits"],
    [{ ...RPC, SESSION_TTL_SECONDS: "-5" }, "SESSION_TTL_SECONDS=-5 is not a positive number of seconds"],
  ])("rejects bad configuration %j with one clear line", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe("the master key", () => {
  it("is generated once for the embedded stack, kept owner-readable in DATA_DIR, and reused", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "medledger-key-"));
    const first = loadConfig({ RPC_URL: RPC.RPC_URL, DATA_DIR: dataDir }).masterKey;
    const second = loadConfig({ RPC_URL: RPC.RPC_URL, DATA_DIR: dataDir }).masterKey;
    expect(first).toHaveLength(32);
    expect(second.equals(first)).toBe(true);
    expect(readFileSync(path.join(dataDir, "master.key"), "utf8")).toBe(first.toString("hex"));
    expect(statSync(path.join(dataDir, "master.key")).mode & 0o077).toBe(0);
  });

  it("comes from MASTER_KEY when set", () => {
    expect(loadConfig(RPC).masterKey.toString("hex")).toBe(KEY);
  });
});

describe("redactUrl", () => {
  it("hides the password of a database URL", () => {
    expect(redactUrl("postgres://alice:s3cret@db.example:5432/medledger")).toBe("postgres://alice:***@db.example:5432/medledger");
  });
});
