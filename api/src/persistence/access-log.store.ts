import type { DataSource, EntityManager } from "typeorm";

import type { AccessEntry, AccessLogStore } from "../domain/access/access-log";
import { AccessLogEntity } from "./ledger.entities";
import { serialTransaction } from "./transactions";

const toEntry = (row: AccessLogEntity): AccessEntry => ({ ...row, decision: row.decision as AccessEntry["decision"] });

/** Chained entries in one statement (each column an array, unnested in SQL). */
async function insertEntries(manager: EntityManager, entries: readonly AccessEntry[]): Promise<void> {
  await manager.query(
    `INSERT INTO access_log (seq, at, actor, patient_id, record_id, action, purpose, decision, reason, previous_hash, entry_hash)
     SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
       $9::text[], $10::text[], $11::text[])`,
    [
      entries.map((e) => e.seq),
      entries.map((e) => e.at.toISOString()),
      entries.map((e) => e.actor),
      entries.map((e) => e.patientId),
      entries.map((e) => e.recordId),
      entries.map((e) => e.action),
      entries.map((e) => e.purpose),
      entries.map((e) => e.decision),
      entries.map((e) => e.reason),
      entries.map((e) => e.previousHash),
      entries.map((e) => e.entryHash),
    ],
  );
}

type Head = { seq: number; entryHash: string } | null;

interface Waiting {
  build: (head: Head) => AccessEntry;
  resolve: (entry: AccessEntry) => void;
  reject: (error: unknown) => void;
}

/** Most entries one transaction appends (the rest wait for the next). */
const MAX_GROUP = 500;

export class TypeOrmAccessLogStore implements AccessLogStore {
  private readonly waiting: Waiting[] = [];
  private flushing = false;
  /** Transactions and entries appended by this process (group commit at work: entries ≥ transactions). */
  readonly appended = { transactions: 0, entries: 0 };

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Group commit: appends that arrive while a transaction is extending the chain wait for the
   * next one, which takes the lock once, chains them all and inserts them in one statement.
   * Every caller still returns only after its own entry is committed; a failed transaction fails
   * exactly the appends it carried. Across processes the table lock keeps one writer at a time.
   */
  append(build: (head: Head) => AccessEntry): Promise<AccessEntry> {
    return new Promise<AccessEntry>((resolve, reject) => {
      this.waiting.push({ build, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length) {
        const group = this.waiting.splice(0, MAX_GROUP);
        const built: { waiting: Waiting; entry: AccessEntry }[] = [];
        try {
          await serialTransaction(this.dataSource, async (manager) => {
            built.length = 0;
            // One writer at a time extends the chain; readers are not blocked.
            await manager.query(`LOCK TABLE "access_log" IN SHARE ROW EXCLUSIVE MODE`);
            const last = await manager.findOne(AccessLogEntity, { where: {}, order: { seq: "DESC" } });
            let head: Head = last ? { seq: last.seq, entryHash: last.entryHash } : null;
            for (const waiting of group) {
              let entry: AccessEntry;
              try {
                entry = waiting.build(head);
              } catch (error) {
                waiting.reject(error); // only this append fails
                continue;
              }
              built.push({ waiting, entry });
              head = { seq: entry.seq, entryHash: entry.entryHash };
            }
            if (built.length)
              await insertEntries(
                manager,
                built.map((b) => b.entry),
              );
          });
          this.appended.transactions += 1;
          this.appended.entries += built.length;
          for (const { waiting, entry } of built) waiting.resolve(entry);
        } catch (error) {
          for (const waiting of group) waiting.reject(error); // no-op for those already refused
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  async range(afterSeq: number, limit: number): Promise<AccessEntry[]> {
    const rows = await this.dataSource
      .getRepository(AccessLogEntity)
      .createQueryBuilder("e")
      .where("e.seq > :afterSeq", { afterSeq })
      .orderBy("e.seq", "ASC")
      .limit(limit)
      .getMany();
    return rows.map(toEntry);
  }

  async forPatient(patientId: string, afterSeq: number | null, limit: number): Promise<AccessEntry[]> {
    const query = this.dataSource
      .getRepository(AccessLogEntity)
      .createQueryBuilder("e")
      .where("e.patient_id = :patientId", { patientId })
      .orderBy("e.seq", "DESC")
      .limit(limit);
    if (afterSeq !== null) query.andWhere("e.seq < :afterSeq", { afterSeq });
    return (await query.getMany()).map(toEntry);
  }
}
