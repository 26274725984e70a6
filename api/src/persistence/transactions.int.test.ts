/**
 * Concurrent writers on the real database (PGlite, or DATABASE_URL): requests that audit at
 * the same moment must still extend one unbroken hash chain.
 */
import type { DataSource } from "typeorm";

import { AccessLog } from "../domain/access/access-log";
import { createTestDatabase, type TestDatabase } from "../testing/test-environment";
import { TypeOrmAccessLogStore } from "./access-log.store";
import { openDatabase } from "./data-source";

describe("transactions under concurrency", () => {
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

  it("appends 40 concurrent access-log entries as one unbroken chain, in a few grouped transactions", async () => {
    const store = new TypeOrmAccessLogStore(dataSource);
    const log = new AccessLog(store);
    const entries = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        log.record({
          actor: null,
          patientId: null,
          recordId: null,
          action: "test.concurrent",
          purpose: null,
          decision: "ALLOW",
          reason: `#${i}`,
        }),
      ),
    );
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await log.verify()).toMatchObject({ ok: true, checked: 40 });
    // Group commit: the first append runs alone, the 39 that arrived meanwhile share the next transaction.
    expect(store.appended.entries).toBe(40);
    expect(store.appended.transactions).toBeLessThanOrEqual(3);
  });

  it("fails only the append whose entry cannot be built; the others in its group land and chain", async () => {
    const store = new TypeOrmAccessLogStore(dataSource);
    const log = new AccessLog(store);
    const before = (await log.verify()).checked;
    const entry = (i: number) => ({
      actor: null,
      patientId: null,
      recordId: null,
      action: "test.group",
      purpose: null,
      decision: "ALLOW" as const,
      reason: `#${i}`,
    });
    const results = await Promise.allSettled([
      log.record(entry(1)),
      log.record(entry(2)),
      store.append(() => {
        throw new Error("cannot build this entry");
      }),
      log.record(entry(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(await log.verify()).toMatchObject({ ok: true, checked: before + 3 });
  });
});
