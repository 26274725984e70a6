/**
 * The README quick start, as a user runs it: `npm start` with no configuration brings up the
 * chain, deploys, opens the database and serves GraphQL; Ctrl-C stops it; a second start
 * reuses the data; bad configuration stops it with one clear line.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createTestDatabase, graphql, type TestDatabase } from "../api/src/testing/test-environment";
import { failedStart, freePort, ROOT, startStack, waitFor, type Stack } from "./support/stack";

jest.setTimeout(120_000);

const HEALTH =
  "{ health { ok database { kind reachable } chain { chainId latestBlock contracts { name address } } circuits { name constraints verificationKeyHash } } }";
interface HealthData {
  health: {
    ok: boolean;
    database: { kind: string; reachable: boolean };
    chain: { chainId: string; latestBlock: number; contracts: { name: string; address: string }[] };
    circuits: { name: string; constraints: number; verificationKeyHash: string }[];
  };
}

describe("npm start (embedded defaults)", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "medledger-stack-"));
  let db: TestDatabase;
  let env: Record<string, string | undefined>;
  let stack: Stack | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      CHAIN_PORT: String(await freePort()),
      RPC_URL: undefined,
      DEPLOYMENTS_FILE: undefined,
      // With DATABASE_URL (the PostgreSQL CI run) the stack uses a schema of its own.
      DATABASE_SCHEMA: db.database.kind === "postgres" ? db.database.schema : undefined,
    };
  });
  afterAll(async () => {
    await stack?.stop();
    await db?.cleanup();
  });

  it("starts the chain, deploys, serves health over HTTP, and stops cleanly on Ctrl-C", async () => {
    stack = startStack(env);
    const url = await stack.ready;
    expect(url).toBe(`http://localhost:${env.PORT}/graphql`);
    expect(stack.output()).toContain("[deploy] deployed RoleRegistry");
    expect(stack.output()).toContain("[demo] granted roles to 13 demo accounts");
    await waitFor(() => stack!.output().includes("[start] ready"));
    expect(stack.output()).toMatch(/\[demo\] imported demo bundle 1\/3 for demo account 9: 73 records \(patient [0-9a-f-]{36}\)/);
    expect(stack.output()).toContain("imported 42/42 more Synthea patients (research population)");
    const portal = /research portal ready at (\S+)/.exec(stack.output())![1];
    expect(await (await fetch(portal)).text()).toContain("<title>MedLedger research portal</title>");
    // The portal learns the API, and the embedded chain where browsers check access-log anchors.
    expect(await (await fetch(new URL("config.json", portal))).json()).toEqual({
      graphqlUrl: url,
      chain: { rpcUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), anchorRegistry: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/) },
    });
    expect(stack.output()).toMatch(/demo study \d+ proposed by demo account 4 and approved by ethics-board members 6 and 7/);

    const { data, errors } = await graphql<HealthData>(url, HEALTH);
    expect(errors).toBeUndefined();
    expect(data!.health.ok).toBe(true);
    expect(data!.health.database).toEqual({ kind: process.env.DATABASE_URL ? "POSTGRES" : "PGLITE", reachable: true });
    expect(data!.health.chain.chainId).toBe("31337");
    expect(data!.health.chain.contracts.map((c) => c.name)).toEqual([
      "RoleRegistry",
      "ConsentRegistry",
      "AnchorRegistry",
      "TrustedIssuerRegistry",
      "StudyRegistry",
      "ReleaseRegistry",
      "EligibilityVerifier",
      "NullifierOwnershipVerifier",
      "EligibilityEnrollment",
      "ClaimsRegistry",
    ]);
    for (const contract of data!.health.chain.contracts) expect(contract.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(data!.health.circuits).toEqual([
      expect.objectContaining({ name: "nullifier-ownership", constraints: 241 }),
      expect.objectContaining({ name: "eligibility", constraints: 19842 }),
    ]);

    const stopping = Date.now();
    expect(await stack.stop("SIGINT")).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(stack.output()).toContain("stopping the chain (saving its state)");
    expect(stack.output()).not.toMatch(/did not stop within/);
  });

  it("reuses the chain state, the deployment and the database on a second start", async () => {
    await stack?.stop(); // in case the first test failed half-way
    const deployment = JSON.parse(readFileSync(path.join(dataDir, "deployments.json"), "utf8")) as {
      contracts: Record<string, { address: string }>;
    };
    stack = startStack(env);
    const url = await stack.ready;
    expect(stack.output()).toContain("state reused from");
    expect(stack.output()).toContain("contracts: reusing the deployment");
    expect(stack.output()).not.toContain("[deploy] deployed");
    await waitFor(() => stack!.output().includes("[start] ready"));
    expect(stack.output()).not.toContain("[demo] imported");

    // npm run token: a demo doctor signs in (EIP-4361) and sees the demo patient's records.
    const token = spawnSync(process.execPath, [path.join(ROOT, "scripts", "dev-token.ts"), "doctor"], {
      env: { ...process.env, NODE_OPTIONS: "", API_URL: url },
      encoding: "utf8",
    });
    expect(token.status).toBe(0);
    const me = await graphql<{ me: { roles: string[] } }>(url, "{ me { roles } }", {}, token.stdout.trim());
    expect(me.data!.me.roles).toEqual(["DOCTOR"]);
    const { data } = await graphql<HealthData>(url, HEALTH);
    expect(data!.health.chain.contracts.find((c) => c.name === "RoleRegistry")?.address).toBe(deployment.contracts.RoleRegistry.address);
    expect(data!.health.chain.latestBlock).toBeGreaterThanOrEqual(13);

    // A second start on the same data folder is refused while this one runs.
    const second = await failedStart({ ...env, PORT: String(await freePort()), CHAIN_PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.output.trim().split("\n").at(-1)).toMatch(
      /^✖ Another MedLedger \(pid \d+\) is running on the data folder .*: stop it first/,
    );
    expect((await graphql<HealthData>(url, HEALTH)).data!.health.ok).toBe(true); // the first one is untouched
    expect(await stack.stop("SIGTERM")).toBe(0);
  });

  it("refuses a data folder whose contracts an older MedLedger deployed, with advice, and leaves it untouched", async () => {
    await stack?.stop();
    const file = path.join(dataDir, "deployments.json");
    const original = readFileSync(file, "utf8");
    const deployment = JSON.parse(original) as { contracts: Record<string, { abi: unknown[] }> };
    deployment.contracts.ReleaseRegistry.abi = deployment.contracts.ReleaseRegistry.abi.slice(1); // an older interface
    writeFileSync(file, JSON.stringify(deployment));
    try {
      const refused = await failedStart(env);
      expect(refused.code).toBe(1);
      expect(refused.output.trim().split("\n").at(-1)).toMatch(
        /^✖ The data folder .* holds contracts of an older MedLedger \(ReleaseRegistry changed\).*delete it/,
      );
      expect(refused.output).not.toContain("[deploy] deployed");
    } finally {
      writeFileSync(file, original);
    }
  });

  it("leaves no API or chain running when npm start itself is killed with SIGKILL", async () => {
    stack = startStack(env);
    const url = await stack.ready;
    expect(await stack.stop("SIGKILL")).toBeNull();
    // The API notices its parent is gone (IPC channel) and stops; the port is freed.
    const deadline = Date.now() + 15_000;
    let answering = true;
    while (answering && Date.now() < deadline) {
      answering = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"query":"{ health { ok } }"}',
      }).then(
        () => true,
        () => false,
      );
      if (answering) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(answering).toBe(false);
    // The lock of the killed start is stale (its pid is gone): a new start takes it over.
    stack = startStack(env);
    await stack.ready;
    expect(await stack.stop("SIGINT")).toBe(0);
  });
});

describe("npm start with bad configuration", () => {
  it("stops with one line when RPC_URL does not answer", async () => {
    const { code, output } = await failedStart({
      RPC_URL: "http://127.0.0.1:1",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "medledger-bad-")),
    });
    expect(code).toBe(1);
    expect(output.trim().split("\n").at(-1)).toMatch(
      /^✖ Cannot reach the chain at RPC_URL=http:\/\/127\.0\.0\.1:1 .*unset it to use the embedded chain\.$/,
    );
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("stops with one line when DATABASE_URL does not answer, and leaves no chain running", async () => {
    const { code, output } = await failedStart({
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/medledger",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "medledger-bad-")),
      PORT: String(await freePort()),
      CHAIN_PORT: String(await freePort()),
      RPC_URL: undefined,
    });
    expect(code).toBe(1);
    expect(output).toMatch(
      /\n✖ Cannot connect to PostgreSQL at DATABASE_URL=postgres:\/\/postgres@127\.0\.0\.1:1\/medledger \(.+\): check the URL/,
    );
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).toContain("stopping the chain");
  });

  it("stops with one line when RPC_URL has no deployments file and no deployer key", async () => {
    const chainPort = await freePort();
    // A chain that answers (another stack's embedded chain), but a deployments file that does not exist.
    const dataDir = mkdtempSync(path.join(tmpdir(), "medledger-bad-"));
    const holder = startStack({
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      CHAIN_PORT: String(chainPort),
      RPC_URL: undefined,
      DATABASE_URL: undefined,
    });
    await holder.ready;
    try {
      const { code, output } = await failedStart({
        RPC_URL: `http://127.0.0.1:${chainPort}`,
        DEPLOYMENTS_FILE: path.join(dataDir, "no-such-deployments.json"),
        DEPLOYER_PRIVATE_KEY: undefined,
      });
      expect(code).toBe(1);
      expect(output.trim().split("\n").at(-1)).toMatch(
        /^✖ No deployments file at .*no-such-deployments\.json for RPC_URL=.*npm run deploy/,
      );
    } finally {
      await holder.stop();
    }
  });
});
