import type { DataSource } from "typeorm";

import type { ChainIntent, ChainWriteStatus } from "../domain/outbox/chain-outbox";
import { insertIntent } from "./outbox.store";
import { serialTransaction } from "./transactions";
import type { EnrollmentRow, EnrollmentStore } from "../domain/studies/enrollment.service";
import type { StudyRow, StudyStore } from "../domain/studies/study.service";
import type { ReleaseField } from "../domain/research/deidentify";
import type { StudyCriteria } from "../zk/eligibility-encoding";

interface StudySql {
  id: string;
  researcher: string;
  title: string;
  purpose: string;
  protocol: string;
  protocol_hash: string;
  terms_hash: string;
  data_use: string[];
  requested_fields: ReleaseField[];
  min_cohort_size: number;
  dp_budget: number | null;
  criteria: StudyCriteria;
  criteria_hash: string;
  issuer_key_hash: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  chain_status: ChainWriteStatus;
  chain_error: string | null;
}

const toStudy = (row: StudySql): StudyRow => ({
  id: row.id,
  researcher: row.researcher,
  title: row.title,
  purpose: row.purpose,
  protocol: row.protocol,
  protocolHash: row.protocol_hash,
  termsHash: row.terms_hash,
  dataUse: row.data_use,
  requestedFields: row.requested_fields,
  minCohortSize: Number(row.min_cohort_size),
  dpBudget: row.dp_budget === null ? null : Number(row.dp_budget),
  criteria: row.criteria,
  criteriaHash: row.criteria_hash,
  issuerKeyHash: row.issuer_key_hash,
  version: Number(row.version),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  chainStatus: row.chain_status,
  chainError: row.chain_error,
});

const COLUMNS = [
  "id",
  "researcher",
  "title",
  "purpose",
  "protocol",
  "protocol_hash",
  "terms_hash",
  "data_use",
  "requested_fields",
  "min_cohort_size",
  "dp_budget",
  "criteria",
  "criteria_hash",
  "issuer_key_hash",
  "version",
  "created_at",
  "updated_at",
  "chain_status",
  "chain_error",
];

const values = (r: StudyRow): unknown[] => [
  r.id,
  r.researcher,
  r.title,
  r.purpose,
  r.protocol,
  r.protocolHash,
  r.termsHash,
  JSON.stringify(r.dataUse),
  JSON.stringify(r.requestedFields),
  r.minCohortSize,
  r.dpBudget,
  JSON.stringify(r.criteria),
  r.criteriaHash,
  r.issuerKeyHash,
  r.version,
  r.createdAt,
  r.updatedAt,
  r.chainStatus,
  r.chainError,
];

/** Every column but the id, as `column = $n` (the id is $1). */
const ASSIGNMENTS = COLUMNS.slice(1)
  .map((c, i) => `${c} = $${i + 2}`)
  .join(", ");

interface EnrollmentSql {
  study_id: string;
  nullifier: string;
  tx_hash: string | null;
  chain_status: ChainWriteStatus;
  enrolled_at: Date;
  proof: unknown;
  public_signals: string[];
  withdrawn_at: Date | null;
}

export class TypeOrmStudyStore implements StudyStore, EnrollmentStore {
  constructor(private readonly dataSource: DataSource) {}

  async saveStudy(row: StudyRow, intent: ChainIntent): Promise<void> {
    const placeholders = COLUMNS.map((_, i) => `$${i + 1}`).join(", ");
    await serialTransaction(this.dataSource, async (manager) => {
      await manager.query(`INSERT INTO study (${COLUMNS.join(", ")}) VALUES (${placeholders})`, values(row));
      await insertIntent(manager, intent, row.createdAt);
    });
  }

  async studyChainStatus(id: string, status: ChainWriteStatus, error: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE study SET chain_status = $2, chain_error = $3 WHERE id = $1`, [id, status, error]);
  }

  async amendStudy(row: StudyRow, fromVersion: number, intent: ChainIntent): Promise<boolean> {
    return serialTransaction(this.dataSource, async (manager) => {
      const updated = await manager.queryRunner!.query(
        `UPDATE study SET ${ASSIGNMENTS} WHERE id = $1 AND version = $${COLUMNS.length + 1} AND chain_status = 'CONFIRMED'`,
        [...values(row), fromVersion],
        true,
      );
      if (updated.affected !== 1) return false;
      await insertIntent(manager, intent, row.updatedAt);
      return true;
    });
  }

  async restoreStudy(row: StudyRow): Promise<void> {
    await this.dataSource.query(`UPDATE study SET ${ASSIGNMENTS} WHERE id = $1`, values(row));
  }

  async findStudy(id: string): Promise<StudyRow | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM study WHERE id = $1`, [id])) as StudySql[];
    return rows[0] ? toStudy(rows[0]) : null;
  }

  async studies(): Promise<StudyRow[]> {
    return ((await this.dataSource.query(`SELECT * FROM study ORDER BY created_at DESC`)) as StudySql[]).map(toStudy);
  }

  async saveEnrollment(row: EnrollmentRow, intent: ChainIntent): Promise<boolean> {
    return serialTransaction(this.dataSource, async (manager) => {
      // A pseudonym whose earlier enrollment the chain refused may try again; any other is taken.
      const saved = (await manager.query(
        `INSERT INTO enrollment (study_id, nullifier, tx_hash, chain_status, enrolled_at, proof, public_signals)
         VALUES ($1, $2, NULL, 'PENDING', $3, $4, $5)
         ON CONFLICT (study_id, nullifier) DO UPDATE SET tx_hash = NULL, chain_status = 'PENDING', enrolled_at = EXCLUDED.enrolled_at,
           proof = EXCLUDED.proof, public_signals = EXCLUDED.public_signals, withdrawn_at = NULL, withdraw_tx = NULL, withdraw_status = NULL
         WHERE enrollment.chain_status = 'FAILED'
         RETURNING nullifier`,
        [row.studyId, row.nullifier, row.enrolledAt, JSON.stringify(row.proof), JSON.stringify(row.publicSignals)],
      )) as unknown[];
      if (saved.length !== 1) return false;
      await insertIntent(manager, intent, row.enrolledAt);
      return true;
    });
  }

  async enrollmentChainStatus(studyId: string, nullifier: string, status: ChainWriteStatus, txHash: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE enrollment SET chain_status = $3, tx_hash = $4 WHERE study_id = $1 AND nullifier = $2`, [
      studyId,
      nullifier,
      status,
      txHash,
    ]);
  }

  async markWithdrawn(studyId: string, nullifier: string, at: Date, intent: ChainIntent): Promise<boolean> {
    return serialTransaction(this.dataSource, async (manager) => {
      const marked = await manager.queryRunner!.query(
        `UPDATE enrollment SET withdrawn_at = $3, withdraw_status = 'PENDING', withdraw_tx = NULL
         WHERE study_id = $1 AND nullifier = $2 AND (withdraw_status IS NULL OR withdraw_status = 'FAILED')`,
        [studyId, nullifier, at],
        true,
      );
      if (marked.affected !== 1) return false;
      await insertIntent(manager, intent, at);
      return true;
    });
  }

  async withdrawalChainStatus(studyId: string, nullifier: string, status: ChainWriteStatus, txHash: string | null): Promise<void> {
    // A refused withdrawal leaves the participant enrolled, as the chain says.
    await this.dataSource.query(
      status === "FAILED"
        ? `UPDATE enrollment SET withdraw_status = 'FAILED', withdrawn_at = NULL, withdraw_tx = $3 WHERE study_id = $1 AND nullifier = $2`
        : `UPDATE enrollment SET withdraw_status = $4, withdraw_tx = $3 WHERE study_id = $1 AND nullifier = $2`,
      status === "FAILED" ? [studyId, nullifier, txHash] : [studyId, nullifier, txHash, status],
    );
  }

  async enrollments(studyId: string): Promise<EnrollmentRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM enrollment WHERE study_id = $1 AND chain_status = 'CONFIRMED' ORDER BY enrolled_at, nullifier`,
      [studyId],
    )) as EnrollmentSql[];
    return rows.map((r) => ({
      studyId: r.study_id,
      nullifier: r.nullifier,
      txHash: r.tx_hash,
      chainStatus: r.chain_status,
      enrolledAt: new Date(r.enrolled_at),
      proof: r.proof,
      publicSignals: r.public_signals,
      withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
    }));
  }

  async saveShare(studyId: string, nullifier: string, patientId: string, at: Date): Promise<boolean> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO study_share (study_id, nullifier, patient_id, shared_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING nullifier`,
      [studyId, nullifier, patientId, at],
    )) as unknown[];
    return inserted.length === 1;
  }

  async shares(studyId: string): Promise<{ nullifier: string; patientId: string }[]> {
    const rows = (await this.dataSource.query(`SELECT nullifier, patient_id FROM study_share WHERE study_id = $1`, [studyId])) as {
      nullifier: string;
      patient_id: string;
    }[];
    return rows.map((r) => ({ nullifier: r.nullifier, patientId: r.patient_id }));
  }

  async sharedStudiesOf(patientId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT study_id FROM study_share WHERE patient_id = $1 ORDER BY shared_at`, [
      patientId,
    ])) as {
      study_id: string;
    }[];
    return rows.map((r) => r.study_id);
  }
}
