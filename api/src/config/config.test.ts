import path from "node:path";

import { ConfigError, loadConfig, redactUrl, REPO_ROOT } from "./config";

const RPC = { RPC_URL: "http://127.0.0.1:8545" };

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
    [{}, "RPC_URL is not set"],
    [{ RPC_URL: "ws://127.0.0.1:8545" }, "RPC_URL must start with http: or https:"],
  ])("rejects bad configuration %j with one clear line", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe("redactUrl", () => {
  it("hides the password of a database URL", () => {
    expect(redactUrl("postgres://alice:s3cret@db.example:5432/medledger")).toBe("postgres://alice:***@db.example:5432/medledger");
  });
});
