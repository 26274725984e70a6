import type { DataSource } from "typeorm";

import type { EnrollmentRow, StudyRow, StudyStore } from "../domain/studies/enrollment.service";
import type { StudyCriteria } from "../zk/eligibility-encoding";

interface StudySql {
  id: string;
  criteria: StudyCriteria;
  criteria_hash: string;
  issuer_key_hash: string;
  described_by: string;
  created_at: Date;
}

const toStudy = (row: StudySql): StudyRow => ({
  id: row.id,
  criteria: row.criteria,
  criteriaHash: row.criteria_hash,
  issuerKeyHash: row.issuer_key_hash,
  describedBy: row.described_by,
  createdAt: new Date(row.created_at),
});

export class TypeOrmStudyStore implements StudyStore {
  constructor(private readonly dataSource: DataSource) {}

  async saveStudy(row: StudyRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO study (id, criteria, criteria_hash, issuer_key_hash, described_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, JSON.stringify(row.criteria), row.criteriaHash, row.issuerKeyHash, row.describedBy, row.createdAt],
    );
  }

  async findStudy(id: string): Promise<StudyRow | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM study WHERE id = $1`, [id])) as StudySql[];
    return rows[0] ? toStudy(rows[0]) : null;
  }

  async studies(): Promise<StudyRow[]> {
    return ((await this.dataSource.query(`SELECT * FROM study ORDER BY created_at DESC`)) as StudySql[]).map(toStudy);
  }

  async markWithdrawn(studyId: string, nullifier: string, at: Date, txHash: string): Promise<void> {
    await this.dataSource.query(`UPDATE enrollment SET withdrawn_at = $3, withdraw_tx = $4 WHERE study_id = $1 AND nullifier = $2`, [
      studyId,
      nullifier,
      at,
      txHash,
    ]);
  }

  async saveEnrollment(row: EnrollmentRow): Promise<void> {
    await this.dataSource.query(`INSERT INTO enrollment (study_id, nullifier, tx_hash, enrolled_at) VALUES ($1, $2, $3, $4)`, [
      row.studyId,
      row.nullifier,
      row.txHash,
      row.enrolledAt,
    ]);
  }
}
