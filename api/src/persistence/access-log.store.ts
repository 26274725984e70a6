import type { DataSource } from "typeorm";

import type { AccessEntry, AccessLogStore } from "../domain/access/access-log";
import { AccessLogEntity } from "./ledger.entities";
import { serialTransaction } from "./transactions";

const toEntry = (row: AccessLogEntity): AccessEntry => ({ ...row, decision: row.decision as AccessEntry["decision"] });

export class TypeOrmAccessLogStore implements AccessLogStore {
  constructor(private readonly dataSource: DataSource) {}

  append(build: (head: { seq: number; entryHash: string } | null) => AccessEntry): Promise<AccessEntry> {
    return serialTransaction(this.dataSource, async (manager) => {
      // One writer at a time extends the chain; readers are not blocked.
      await manager.query(`LOCK TABLE "access_log" IN SHARE ROW EXCLUSIVE MODE`);
      const head = await manager.findOne(AccessLogEntity, { where: {}, order: { seq: "DESC" } });
      const entry = build(head ? { seq: head.seq, entryHash: head.entryHash } : null);
      await manager.insert(AccessLogEntity, entry);
      return entry;
    });
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
