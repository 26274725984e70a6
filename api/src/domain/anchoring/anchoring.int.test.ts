/**
 * Anchoring against a real Hardhat chain and a real database: entries queue while the chain
 * is unreachable and are anchored when it returns; a rewrite that keeps the hash chains
 * consistent is still caught by the on-chain roots.
 */
import type { DataSource } from "typeorm";

import { TypeOrmAnchorStore } from "../../persistence/anchor.store";
import { startApi, type RunningApi } from "../../server";
import {
  createTestDatabase,
  DEMO,
  demoWallet,
  deploymentWithFreshAnchors,
  graphql,
  onTestChain,
  signIn,
  syntheaBundle,
  testConfig,
  type TestDatabase,
} from "../../testing/test-environment";
import { hashEntry, type AccessEntry } from "../access/access-log";
import { versionHash } from "../ledger-hash";
import { AnchorService, type AnchorChain } from "./anchor.service";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

const BUNDLE = "Liz_Conn_27c911c6-f045-4ffa-af5d-6eba57ac94b2.json.gz";

describe("anchoring the private ledger", () => {
  let db: TestDatabase;
  let api: RunningApi;
  let dataSource: DataSource;
  let doctor: string;
  let patient: string;
  let recordId: string;
  let deploymentsFile: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    deploymentsFile = await deploymentWithFreshAnchors();
    api = await startApi(testConfig(db.database, { deploymentsFile }));
    dataSource = api.dataSource;
    doctor = await signIn(api.url, demoWallet(DEMO.doctorA));
    patient = await signIn(api.url, demoWallet(DEMO.patient));
    const imported = await graphql<{ importBundle: { patientId: string } }>(
      api.url,
      "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId } }",
      { b: syntheaBundle(BUNDLE), a: demoWallet(DEMO.patient).address },
      doctor,
    );
    const patientId = imported.data!.importBundle.patientId;
    const list = await graphql<{ records: { edges: { node: { id: string; resource: object } }[] } }>(
      api.url,
      'query($p: ID!) { records(patientId: $p, first: 1, filter: { resourceTypes: ["Condition"] }) { edges { node { id resource } } } }',
      { p: patientId },
      patient,
    );
    recordId = list.data!.records.edges[0].node.id;
    await graphql(
      api.url,
      'mutation($id: ID!, $r: JSONObject!) { amendRecord(id: $id, resource: $r, reason: "recheck") { version } }',
      { id: recordId, r: list.data!.records.edges[0].node.resource },
      doctor,
    );
  });
  afterAll(async () => {
    await api?.stop();
    await db?.cleanup();
  });

  it("queues entries while the chain is unreachable and anchors them when it returns", async () => {
    const real = api.services.anchors;
    const before = { versions: await real.pending("recordVersions"), log: await real.pending("accessLog") };
    expect(before.versions).toBe(74);
    expect(before.log).toBeGreaterThan(0);

    // The same store, but a chain that refuses every call, as when the node is down.
    const down: AnchorChain = {
      anchorRoot: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:8545")),
      anchoredRoot: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:8545")),
      anchorCount: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:8545")),
      anchorAt: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:8545")),
    };
    const offline = new AnchorService(new TypeOrmAnchorStore(dataSource), down, {
      batchSize: 1024,
      settleSeconds: 0,
      minBatch: 1,
      maxWaitSeconds: 0,
    });
    await expect(offline.anchorPending()).rejects.toThrow("ECONNREFUSED");
    expect(await real.pending("recordVersions")).toBe(before.versions);
    expect(Number((await dataSource.query("SELECT count(*)::int AS n FROM anchor_batch"))[0].n)).toBe(0);

    expect(await real.anchorPending()).toBe(2);
    expect(await real.pending("recordVersions")).toBe(0);
    expect(await real.pending("accessLog")).toBe(0);
    expect((await real.verify("recordVersions")).ok).toBe(true);
    expect((await real.verify("accessLog")).ok).toBe(true);
  });

  it("adopts a batch whose transaction was mined by a run that died before saving it, instead of wedging", async () => {
    const real = api.services.anchors;
    await graphql(api.url, "query($id: ID!) { record(id: $id) { id } }", { id: recordId }, patient); // a logged read
    const [{ last }] = (await dataSource.query("SELECT max(last_seq)::int AS last FROM anchor_batch WHERE kind = 'accessLog'")) as {
      last: number;
    }[];
    const leaves = await new TypeOrmAnchorStore(dataSource).pendingLeaves("accessLog", last, new Date(), 1024);
    expect(leaves.length).toBeGreaterThan(0);
    // What the crashed run did: the anchor transaction, and nothing in the database.
    const tree = StandardMerkleTree.of(
      leaves.map((l) => [String(l.seq), `0x${l.hash}`]),
      ["uint256", "bytes32"],
    );
    const registry = onTestChain("AnchorRegistry", DEMO.admin, deploymentsFile);
    let txHash: string;
    try {
      const tx = await registry.contract.anchor(1, tree.root, leaves[0].seq, leaves.at(-1)!.seq);
      txHash = (await tx.wait()).hash;
    } finally {
      registry.close();
    }

    expect(await real.anchorPending()).toBeGreaterThanOrEqual(0);
    const [adopted] = (await dataSource.query("SELECT * FROM anchor_batch WHERE kind = 'accessLog' AND first_seq = $1", [
      leaves[0].seq,
    ])) as {
      tx_hash: string;
      root: string;
    }[];
    expect(adopted).toMatchObject({ tx_hash: txHash, root: tree.root });
    expect(await real.pending("accessLog")).toBe(0);
    expect((await real.verify("accessLog")).ok).toBe(true);
  });

  it("catches an access-log rewrite that recomputes every hash (the chain of hashes stays intact)", async () => {
    const rows = (await dataSource.query("SELECT * FROM access_log ORDER BY seq")) as Record<string, unknown>[];
    const entries: AccessEntry[] = rows.map((r) => ({
      seq: Number(r.seq),
      at: new Date(r.at as string),
      actor: r.actor as string | null,
      patientId: r.patient_id as string | null,
      recordId: r.record_id as string | null,
      action: r.action as string,
      purpose: r.purpose as string | null,
      decision: r.decision as "ALLOW" | "DENY",
      reason: r.reason as string,
      previousHash: r.previous_hash as string,
      entryHash: r.entry_hash as string,
    }));
    // Someone with database access hides entry 2 by rewriting it and re-chaining everything after it.
    entries[1] = { ...entries[1], action: "record.list", reason: "nothing to see" };
    for (let i = 1; i < entries.length; i++) {
      entries[i].previousHash = entries[i - 1].entryHash;
      entries[i].entryHash = hashEntry(entries[i]);
      await dataSource.query("UPDATE access_log SET action = $2, reason = $3, previous_hash = $4, entry_hash = $5 WHERE seq = $1", [
        entries[i].seq,
        entries[i].action,
        entries[i].reason,
        entries[i].previousHash,
        entries[i].entryHash,
      ]);
    }
    const result = await graphql<{ verifyAccessLog: { ok: boolean; firstBadSeq: number | null; problem: string } }>(
      api.url,
      "{ verifyAccessLog { ok firstBadSeq problem } }",
      {},
      patient,
    );
    expect(result.data!.verifyAccessLog.ok).toBe(false);
    expect(result.data!.verifyAccessLog.firstBadSeq).toBe(1);
    expect(result.data!.verifyAccessLog.problem).toContain("no longer matches its on-chain root");
  });

  it("catches a record-version rewrite that recomputes the version hashes", async () => {
    const [v1, v2] = (await dataSource.query("SELECT * FROM record_version WHERE record_id = $1 ORDER BY version", [recordId])) as Record<
      string,
      unknown
    >[];
    const input = (row: Record<string, unknown>, reason: string | null, previousHash: string) => ({
      recordId,
      version: Number(row.version),
      lifecycle: row.lifecycle as string,
      author: row.author as string,
      createdAt: new Date(row.created_at as string),
      reason,
      contentHash: row.content_hash as string,
      previousHash,
    });
    const forgedV2 = versionHash(input(v2, "a different story", v1.version_hash as string));
    await dataSource.query("UPDATE record_version SET reason = $2, version_hash = $3 WHERE record_id = $1 AND version = 2", [
      recordId,
      "a different story",
      forgedV2,
    ]);

    const report = await graphql<{
      verifyRecordIntegrity: {
        ok: boolean;
        firstBadVersion: number;
        versions: { version: number; problem: string | null; anchorTx: string | null }[];
      };
    }>(
      api.url,
      "query($id: ID!) { verifyRecordIntegrity(id: $id) { ok firstBadVersion versions { version problem anchorTx } } }",
      { id: recordId },
      patient,
    );
    const result = report.data!.verifyRecordIntegrity;
    expect(result.ok).toBe(false);
    expect(result.versions.every((v) => v.anchorTx !== null)).toBe(true);
    expect(result.firstBadVersion).toBe(1); // both versions sit in the altered batch
    expect(result.versions[1].problem).toContain("no longer matches its on-chain root");
  });

  it("stops anchoring with a clear error when a batch on chain does not match the database", async () => {
    await graphql(api.url, "query($id: ID!) { record(id: $id) { id } }", { id: recordId }, patient); // a logged read
    const [{ last }] = (await dataSource.query("SELECT max(last_seq)::int AS last FROM anchor_batch WHERE kind = 'accessLog'")) as {
      last: number;
    }[];
    const registry = onTestChain("AnchorRegistry", DEMO.admin, deploymentsFile);
    try {
      await (await registry.contract.anchor(1, `0x${"ab".repeat(32)}`, last + 1, last + 1)).wait();
    } finally {
      registry.close();
    }
    await expect(api.services.anchors.anchorPending()).rejects.toThrow(/does not match the database: anchoring stops/);
  });
});
