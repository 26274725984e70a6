import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { JsonRpcProvider } from "ethers";

import { ConfigError, REPO_ROOT } from "./config/config";
import { MIGRATIONS } from "./persistence/data-source";
import { startApi, type RunningApi } from "./server";
import { createTestDatabase, graphql, testChain, testConfig, type TestDatabase } from "./testing/test-environment";

const HEALTH = `{ health { ok database { kind reachable } chain { chainId reachable latestBlock contracts { name address } }
  circuits { name constraints publicSignals verifierContract verificationKeyHash } } }`;

interface HealthData {
  health: {
    ok: boolean;
    database: { kind: string; reachable: boolean };
    chain: { chainId: string; reachable: boolean; latestBlock: number; contracts: { name: string; address: string }[] };
    circuits: { name: string; constraints: number; publicSignals: number; verifierContract: string; verificationKeyHash: string }[];
  };
}

describe("the API on a real database and a real Hardhat chain", () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.database));
  });
  afterAll(async () => {
    await api?.stop();
    await db?.cleanup();
  });

  it("answers health with the database, the chain, every deployed contract and every circuit", async () => {
    const { data, errors } = await graphql<HealthData>(api.url, HEALTH);
    expect(errors).toBeUndefined();
    const health = data!.health;
    expect(health.ok).toBe(true);
    expect(health.database).toEqual({ kind: process.env.DATABASE_URL ? "POSTGRES" : "PGLITE", reachable: true });
    expect(health.chain.chainId).toBe("31337");
    expect(health.chain.reachable).toBe(true);
    expect(health.chain.latestBlock).toBeGreaterThan(0);

    const deployment = JSON.parse(readFileSync(testChain().deploymentsFile, "utf8")) as { contracts: Record<string, { address: string }> };
    expect(health.chain.contracts.map((c) => c.name).sort()).toEqual(Object.keys(deployment.contracts).sort());
    const provider = new JsonRpcProvider(testChain().rpcUrl);
    for (const contract of health.chain.contracts) {
      expect(await provider.getCode(contract.address)).not.toBe("0x");
    }
    provider.destroy();

    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "circuits", "artifacts", "manifest.json"), "utf8")) as {
      circuits: { name: string; constraints: number; sha256: Record<string, string> }[];
    };
    expect(health.circuits).toHaveLength(manifest.circuits.length);
    for (const circuit of manifest.circuits) {
      const reported = health.circuits.find((c) => c.name === circuit.name);
      expect(reported?.constraints).toBe(circuit.constraints);
      expect(reported?.verificationKeyHash).toBe(`sha256:${circuit.sha256[`${circuit.name}.vkey.json`]}`);
    }
  });

  it("runs the migrations once: a second start on the same database reuses it", async () => {
    const second = await startApi(testConfig(db.database));
    const { data } = await graphql<HealthData>(second.url, "{ health { database { reachable } } }");
    expect(data?.health.database.reachable).toBe(true);
    const migrations = (await second.dataSource.query(`SELECT name FROM migrations`)) as { name: string }[];
    expect(migrations.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    await second.stop();
  });

  it("answers a malformed query with GRAPHQL_VALIDATION_FAILED, not an internal error", async () => {
    const { errors } = await graphql(api.url, "{ health { noSuchField } }");
    expect(errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("shows a browser its own page at GET /graphql: no script, nothing from a CDN, a link to the portal's GraphiQL", async () => {
    const withPortal = await startApi(testConfig(db.database, { portalUrl: "http://localhost:3999" }));
    try {
      for (const [url, link] of [
        [api.url, false],
        [withPortal.url, true],
      ] as const) {
        const response = await fetch(url, { headers: { accept: "text/html" } });
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html).toContain("MedLedger GraphQL API");
        expect(html).not.toMatch(/<script|https:\/\//);
        if (link) expect(html).toContain('href="http://localhost:3999/#/explorer"');
        else expect(html).toContain("#/explorer");
      }
    } finally {
      await withPortal.stop();
    }
  });
});

describe("start-up with bad configuration stops with one clear line", () => {
  let db: TestDatabase;
  const scratch = mkdtempSync(path.join(tmpdir(), "medledger-config-"));

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  async function startupError(overrides: Parameters<typeof testConfig>[1]): Promise<ConfigError> {
    const error = await startApi(testConfig(db.database, overrides)).then(
      async (api) => {
        await api.stop();
        throw new Error("the API started although its configuration is bad");
      },
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain("\n");
    return error as ConfigError;
  }

  it("names an unreachable DATABASE_URL without its password", async () => {
    const error = await startupError({ database: { kind: "postgres", url: "postgres://medledger:hunter2@127.0.0.1:1/nowhere" } });
    expect(error.message).toMatch(/^Cannot connect to PostgreSQL at DATABASE_URL=postgres:\/\/medledger:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    expect(error.message).not.toContain("hunter2");
  });

  it("names an RPC_URL where no chain answers", async () => {
    const error = await startupError({ rpcUrl: "http://127.0.0.1:1" });
    expect(error.message).toMatch(/^Cannot reach the chain at RPC_URL=http:\/\/127\.0\.0\.1:1 /);
  });

  it("says how to deploy when the deployments file is missing", async () => {
    const error = await startupError({ deploymentsFile: path.join(scratch, "missing.json") });
    expect(error.message).toContain('deploy the contracts with "npm run deploy"');
  });

  it("refuses a deployments file written for another chain", async () => {
    const file = path.join(scratch, "other-chain.json");
    const deployment = JSON.parse(readFileSync(testChain().deploymentsFile, "utf8")) as { chainId: string };
    writeFileSync(file, JSON.stringify({ ...deployment, chainId: "11155111" }));
    const error = await startupError({ deploymentsFile: file });
    expect(error.message).toContain("is for chain 11155111 but RPC_URL");
  });

  it("notices contracts that are not on the chain (a reset chain)", async () => {
    const file = path.join(scratch, "reset-chain.json");
    const deployment = JSON.parse(readFileSync(testChain().deploymentsFile, "utf8")) as { contracts: Record<string, { address: string }> };
    deployment.contracts.RoleRegistry.address = "0x000000000000000000000000000000000000dEaD";
    writeFileSync(file, JSON.stringify(deployment));
    const error = await startupError({ deploymentsFile: file });
    expect(error.message).toContain("No RoleRegistry contract at 0x000000000000000000000000000000000000dEaD");
  });

  it("refuses circuits whose verification key does not match the manifest", async () => {
    const dir = path.join(scratch, "circuits");
    const source = path.join(REPO_ROOT, "circuits", "artifacts");
    const manifest = JSON.parse(readFileSync(path.join(source, "manifest.json"), "utf8")) as { circuits: { name: string }[] };
    const { name } = manifest.circuits[0];
    mkdirSync(path.join(dir, name), { recursive: true });
    copyFileSync(path.join(source, "manifest.json"), path.join(dir, "manifest.json"));
    writeFileSync(path.join(dir, name, `${name}.vkey.json`), "{}");
    const error = await startupError({ circuitsDir: dir });
    expect(error.message).toContain("does not match");
  });
});
