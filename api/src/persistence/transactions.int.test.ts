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

  it("appends 40 concurrent access-log entries as one unbroken chain", async () => {
    const log = new AccessLog(new TypeOrmAccessLogStore(dataSource));
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
  });
});
