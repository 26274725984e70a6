import { In, type DataSource, type EntityManager } from "typeorm";

import type { ChainIntent } from "../domain/outbox/chain-outbox";
import type { PatientRow, RecordDraft, RecordQuery, RecordRow, RecordStore, VersionRow } from "../domain/records/record-store";
import type { ResearchEntry } from "../domain/research/research-index";
import { PatientEntity, RecordEntity, RecordVersionEntity } from "./ledger.entities";
import { insertIntent } from "./outbox.store";
import { applyResearchEntries } from "./research-index.store";
import { serialTransaction } from "./transactions";

const CHUNK = 1000;

type Runner = Pick<EntityManager, "query">;
const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/**
 * New records as one statement per chunk: every column as an array, unnested in SQL (a bundle
 * import writes hundreds; TypeORM's multi-row insert builder spent more time than the database).
 */
async function insertRecords(runner: Runner, rows: readonly RecordRow[]): Promise<void> {
  await runner.query(
    `INSERT INTO record (id, patient_id, resource_type, fhir_id, author, current_version, lifecycle, effective_at, created_at,
       updated_at, code_system, code_key, clinical_status, value_quantity, fields_version)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::timestamptz[],
       $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::float8[], $15::int[])`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.patientId),
      rows.map((r) => r.resourceType),
      rows.map((r) => r.fhirId),
      rows.map((r) => r.author),
      rows.map((r) => r.currentVersion),
      rows.map((r) => r.lifecycle),
      rows.map((r) => iso(r.effectiveAt)),
      rows.map((r) => iso(r.createdAt)),
      rows.map((r) => iso(r.updatedAt)),
      rows.map((r) => r.codeSystem),
      rows.map((r) => r.codeKey),
      rows.map((r) => r.clinicalStatus),
      rows.map((r) => r.valueQuantity),
      rows.map((r) => r.fieldsVersion),
    ],
  );
}

/** First versions, the same way (the sealed content travels as hex and is decoded in SQL). */
async function insertVersions(runner: Runner, rows: readonly VersionRow[]): Promise<void> {
  await runner.query(
    `INSERT INTO record_version (record_id, version, lifecycle, author, reason, created_at, sealed, content_hash, previous_hash, version_hash)
     SELECT r, v, l, a, re, c, decode(s, 'hex'), ch, ph, vh
     FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[])
       AS t(r, v, l, a, re, c, s, ch, ph, vh)`,
    [
      rows.map((v) => v.recordId),
      rows.map((v) => v.version),
      rows.map((v) => v.lifecycle),
      rows.map((v) => v.author),
      rows.map((v) => v.reason),
      rows.map((v) => v.createdAt.toISOString()),
      rows.map((v) => v.sealed.toString("hex")),
      rows.map((v) => v.contentHash),
      rows.map((v) => v.previousHash),
      rows.map((v) => v.versionHash),
    ],
  );
}

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

  async insert(patient: PatientRow | null, records: RecordDraft[], intent?: ChainIntent): Promise<void> {
    await serialTransaction(this.dataSource, async (manager) => {
      if (patient) await manager.insert(PatientEntity, patient);
      if (intent) await insertIntent(manager, intent, patient?.createdAt ?? new Date());
      for (let i = 0; i < records.length; i += CHUNK) {
        const chunk = records.slice(i, i + CHUNK);
        await insertRecords(
          manager,
          chunk.map((r) => r.record),
        );
        await insertVersions(
          manager,
          chunk.map((r) => r.version),
        );
      }
      await applyResearchEntries(
        manager,
        records.map((r) => r.research),
        true,
      );
    });
  }

  appendVersion(record: RecordRow, expectedVersion: number, version: VersionRow, research: ResearchEntry | null): Promise<boolean> {
    return serialTransaction(this.dataSource, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(RecordEntity)
        .set({
          currentVersion: record.currentVersion,
          lifecycle: record.lifecycle,
          effectiveAt: record.effectiveAt,
          updatedAt: record.updatedAt,
          codeSystem: record.codeSystem,
          codeKey: record.codeKey,
          clinicalStatus: record.clinicalStatus,
          valueQuantity: record.valueQuantity,
          fieldsVersion: record.fieldsVersion,
        })
        .where("id = :id AND current_version = :expectedVersion", { id: record.id, expectedVersion })
        .execute();
      if (result.affected !== 1) return false;
      await manager.insert(RecordVersionEntity, version);
      await applyResearchEntries(manager, [research], false);
      return true;
    });
  }

  async pageRecords(q: RecordQuery): Promise<{ rows: RecordRow[]; totalCount: number; hasNextPage: boolean }> {
    const qb = this.dataSource
      .getRepository(RecordEntity)
      .createQueryBuilder("r")
      .where("r.patient_id = :patientId", { patientId: q.patientId });
    if (!q.includeRetracted) qb.andWhere("r.lifecycle = 'active'");
    if (!q.scope.all) {
      const reach: string[] = [];
      if (q.scope.authoredBy) reach.push("lower(r.author) = lower(:authoredBy)");
      if (q.scope.resourceTypes.length) reach.push("r.resource_type IN (:...scopeTypes)");
      if (q.scope.recordIds.length) reach.push("r.id IN (:...scopeIds)");
      if (reach.length === 0) return { rows: [], totalCount: 0, hasNextPage: false };
      qb.andWhere(`(${reach.join(" OR ")})`, {
        authoredBy: q.scope.authoredBy,
        scopeTypes: q.scope.resourceTypes,
        scopeIds: q.scope.recordIds,
      });
    }
    if (q.resourceTypes?.length) qb.andWhere("r.resource_type IN (:...types)", { types: q.resourceTypes });
    if (q.codeSystem) qb.andWhere("r.code_system = :codeSystem", { codeSystem: q.codeSystem });
    if (q.codeKey) qb.andWhere("r.code_key = :codeKey", { codeKey: q.codeKey });
    if (q.clinicalStatus) qb.andWhere("r.clinical_status = :clinicalStatus", { clinicalStatus: q.clinicalStatus });
    if (q.effectiveFrom) qb.andWhere("r.effective_at >= :effectiveFrom", { effectiveFrom: q.effectiveFrom });
    if (q.effectiveTo) qb.andWhere("r.effective_at <= :effectiveTo", { effectiveTo: q.effectiveTo });
    if (q.valueMin != null) qb.andWhere("r.value_quantity >= :valueMin", { valueMin: q.valueMin });
    if (q.valueMax != null) qb.andWhere("r.value_quantity <= :valueMax", { valueMax: q.valueMax });
    const totalCount = await qb.clone().getCount();
    if (q.after) {
      // Newest effective date first, records without one last, ties by id.
      if (q.after.effectiveAt)
        qb.andWhere("(r.effective_at < :afterAt OR (r.effective_at = :afterAt AND r.id > :afterId) OR r.effective_at IS NULL)", {
          afterAt: q.after.effectiveAt,
          afterId: q.after.id,
        });
      else qb.andWhere("(r.effective_at IS NULL AND r.id > :afterId)", { afterId: q.after.id });
    }
    const rows = (await qb
      .orderBy("r.effective_at", "DESC", "NULLS LAST")
      .addOrderBy("r.id", "ASC")
      .limit(q.first + 1)
      .getMany()) as RecordRow[];
    return { rows: rows.slice(0, q.first), totalCount, hasNextPage: rows.length > q.first };
  }

  async unindexedRecords(limit: number): Promise<RecordRow[]> {
    return (await this.dataSource
      .getRepository(RecordEntity)
      .createQueryBuilder("r")
      .where("r.fields_version IS NULL OR r.fields_version <> r.current_version")
      .orderBy("r.id")
      .limit(limit)
      .getMany()) as RecordRow[];
  }

  async saveQueryFields(rows: readonly RecordRow[]): Promise<void> {
    await serialTransaction(this.dataSource, async (manager) => {
      for (const row of rows) {
        await manager
          .createQueryBuilder()
          .update(RecordEntity)
          .set({
            codeSystem: row.codeSystem,
            codeKey: row.codeKey,
            clinicalStatus: row.clinicalStatus,
            valueQuantity: row.valueQuantity,
            fieldsVersion: row.fieldsVersion,
          })
          .where("id = :id AND current_version = :version", { id: row.id, version: row.fieldsVersion })
          .execute();
      }
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

  async recordsByFhirIds(patientId: string, fhirIds: readonly string[]): Promise<RecordRow[]> {
    if (fhirIds.length === 0) return [];
    return (await this.dataSource.getRepository(RecordEntity).findBy({ patientId, fhirId: In([...fhirIds]) })) as RecordRow[];
  }

  async activeRecordsOfType(patientIds: readonly string[], resourceType: string): Promise<RecordRow[]> {
    if (patientIds.length === 0) return [];
    return (await this.dataSource
      .getRepository(RecordEntity)
      .findBy({ patientId: In([...patientIds]), resourceType, lifecycle: "active" })) as RecordRow[];
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

  async hasAuthored(patientId: string, author: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM record WHERE patient_id = $1 AND author = $2) AS authored`, [
      patientId,
      author,
    ])) as { authored: boolean }[];
    return row.authored;
  }
}
