import { In, type DataSource } from "typeorm";

import type { ChainIntent } from "../domain/outbox/chain-outbox";
import type { PatientRow, RecordRow, RecordStore, VersionRow } from "../domain/records/record-store";
import { PatientEntity, RecordEntity, RecordVersionEntity } from "./ledger.entities";
import { insertIntent } from "./outbox.store";
import { serialTransaction } from "./transactions";

const CHUNK = 200;

export class TypeOrmRecordStore implements RecordStore {
  constructor(private readonly dataSource: DataSource) {}

  async findPatients(ids: readonly string[]): Promise<PatientRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(PatientEntity).findBy({ id: In([...ids]) });
  }

  async patientIds(): Promise<string[]> {
    return ((await this.dataSource.query(`SELECT id FROM patient ORDER BY id`)) as { id: string }[]).map((r) => r.id);
  }

  findPatientByAccount(address: string): Promise<PatientRow | null> {
    return this.dataSource.getRepository(PatientEntity).findOneBy({ accountAddress: address });
  }

  findPatientByFhirId(fhirId: string): Promise<PatientRow | null> {
    return this.dataSource.getRepository(PatientEntity).findOneBy({ fhirId });
  }

  async insert(patient: PatientRow | null, records: { record: RecordRow; version: VersionRow }[], intent?: ChainIntent): Promise<void> {
    await serialTransaction(this.dataSource, async (manager) => {
      if (patient) await manager.insert(PatientEntity, patient);
      if (intent) await insertIntent(manager, intent, patient?.createdAt ?? new Date());
      for (let i = 0; i < records.length; i += CHUNK) {
        const chunk = records.slice(i, i + CHUNK);
        await manager.insert(
          RecordEntity,
          chunk.map((r) => r.record),
        );
        await manager.insert(
          RecordVersionEntity,
          chunk.map((r) => r.version),
        );
      }
    });
  }

  appendVersion(record: RecordRow, expectedVersion: number, version: VersionRow): Promise<boolean> {
    return serialTransaction(this.dataSource, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(RecordEntity)
        .set({
          currentVersion: record.currentVersion,
          lifecycle: record.lifecycle,
          effectiveAt: record.effectiveAt,
          updatedAt: record.updatedAt,
        })
        .where("id = :id AND current_version = :expectedVersion", { id: record.id, expectedVersion })
        .execute();
      if (result.affected !== 1) return false;
      await manager.insert(RecordVersionEntity, version);
      return true;
    });
  }

  async findRecords(ids: readonly string[]): Promise<RecordRow[]> {
    if (ids.length === 0) return [];
    return (await this.dataSource.getRepository(RecordEntity).findBy({ id: In([...ids]) })) as RecordRow[];
  }

  async patientRecords(patientId: string, resourceTypes: readonly string[] | null): Promise<RecordRow[]> {
    const where = resourceTypes ? { patientId, resourceType: In([...resourceTypes]) } : { patientId };
    return (await this.dataSource.getRepository(RecordEntity).findBy(where)) as RecordRow[];
  }

  async currentVersions(records: readonly RecordRow[]): Promise<VersionRow[]> {
    const rows: VersionRow[] = [];
    for (let i = 0; i < records.length; i += 500) {
      const chunk = records.slice(i, i + 500);
      const found = await this.dataSource
        .getRepository(RecordVersionEntity)
        .createQueryBuilder("v")
        .where("(v.record_id, v.version) IN (SELECT unnest(:ids::uuid[]), unnest(:versions::int[]))", {
          ids: chunk.map((r) => r.id),
          versions: chunk.map((r) => r.currentVersion),
        })
        .getMany();
      rows.push(...(found as VersionRow[]));
    }
    return rows;
  }

  async versions(recordId: string): Promise<VersionRow[]> {
    return (await this.dataSource
      .getRepository(RecordVersionEntity)
      .find({ where: { recordId }, order: { version: "ASC" } })) as VersionRow[];
  }

  async authorsOf(patientId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT DISTINCT author FROM record WHERE patient_id = $1`, [patientId])) as {
      author: string;
    }[];
    return rows.map((row) => row.author);
  }
}
