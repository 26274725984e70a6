/**
 * When the background job anchors: once `minBatch` entries wait or the oldest has waited
 * `maxWaitSeconds`, whichever comes first (an anchor transaction costs about the same gas for
 * 1 entry as for 1,024). Real database and access log; the chain is an in-memory registry with
 * AnchorRegistry's append rule, since only the timing is under test here (anchoring.int.test.ts
 * anchors on a real chain).
 */
import type { DataSource } from "typeorm";

import { TypeOrmAccessLogStore } from "../../persistence/access-log.store";
import { TypeOrmAnchorStore } from "../../persistence/anchor.store";
import { openDatabase } from "../../persistence/data-source";
import { createTestDatabase, type TestDatabase } from "../../testing/test-environment";
import { AccessLog } from "../access/access-log";
import { AnchorService, type AnchorChain, type AnchorKind } from "./anchor.service";

/** AnchorRegistry's rule in memory: batches append in sequence order. */
function memoryRegistry(): AnchorChain & { batches: Record<AnchorKind, { root: string; firstSeq: number; lastSeq: number }[]> } {
  const batches: Record<AnchorKind, { root: string; firstSeq: number; lastSeq: number }[]> = { recordVersions: [], accessLog: [] };
  return {
    batches,
    async anchorRoot(kind, root, firstSeq, lastSeq) {
      const expected = (batches[kind].at(-1)?.lastSeq ?? 0) + 1;
      if (firstSeq !== expected) throw new Error(`out of order: expected ${expected}, got ${firstSeq}`);
      batches[kind].push({ root, firstSeq, lastSeq });
      return { index: batches[kind].length - 1, txHash: `0x${String(batches[kind].length).padStart(64, "0")}` };
    },
    async anchorCount(kind) {
      return batches[kind].length;
    },
    async anchorAt(kind, index) {
      return { ...batches[kind][index], anchoredAt: new Date(), txHash: null };
    },
    async anchoredRoot(kind, index) {
      return batches[kind][index]?.root ?? null;
    },
  };
}

describe("anchoring by size or age", () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase(db.database);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.cleanup();
  });

  it("anchors once enough entries wait or the oldest has waited long enough, and everything on an admin's request", async () => {
    let now = Date.parse("2026-12-01T10:00:00Z");
    const clock = () => new Date(now);
    const log = new AccessLog(new TypeOrmAccessLogStore(dataSource), clock);
    const read = (n: number) =>
      Promise.all(
        Array.from({ length: n }, () =>
          log.record({
            actor: "0x0",
            patientId: null,
            recordId: null,
            action: "test.read",
            purpose: null,
            decision: "ALLOW",
            reason: "policy test",
          }),
        ),
      );
    const chain = memoryRegistry();
    const anchors = new AnchorService(
      new TypeOrmAnchorStore(dataSource),
      chain,
      { batchSize: 1024, settleSeconds: 0, minBatch: 5, maxWaitSeconds: 600 },
      clock,
    );
    const sizes = () => chain.batches.accessLog.map((b) => b.lastSeq - b.firstSeq + 1);

    await read(3);
    expect(await anchors.anchorDue()).toBe(0); // 3 entries, just written
    now += 599_000;
    expect(await anchors.anchorDue()).toBe(0); // still under ten minutes
    await read(2);
    expect(await anchors.anchorDue()).toBe(1); // five wait: a full batch
    expect(sizes()).toEqual([5]);

    await read(1);
    now += 300_000;
    expect(await anchors.anchorDue()).toBe(0);
    now += 300_000;
    expect(await anchors.anchorDue()).toBe(1); // the oldest has waited ten minutes
    expect(sizes()).toEqual([5, 1]);

    await read(2);
    expect(await anchors.anchorDue()).toBe(0);
    expect(await anchors.anchorPending()).toBe(1); // anchorNow: everything, now
    expect(sizes()).toEqual([5, 1, 2]);
    expect(await anchors.pending("accessLog")).toBe(0);
  });
});
