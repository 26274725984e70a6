import type { DataSource } from "typeorm";

import type { CredentialStore } from "../domain/credentials/credential.service";

export class TypeOrmCredentialStore implements CredentialStore {
  constructor(private readonly dataSource: DataSource) {}

  async saveRequest(patientId: string, commitment: string, at: Date): Promise<boolean> {
    // The first commitment is pinned: asking again with it renews the request, another one changes nothing.
    const saved = (await this.dataSource.query(
      `INSERT INTO credential_request (patient_id, commitment, requested_at) VALUES ($1, $2, $3)
       ON CONFLICT (patient_id) DO UPDATE SET requested_at = EXCLUDED.requested_at
       WHERE credential_request.commitment = EXCLUDED.commitment
       RETURNING patient_id`,
      [patientId, commitment, at],
    )) as unknown[];
    return saved.length === 1;
  }

  async replaceCommitment(patientId: string, commitment: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO credential_request (patient_id, commitment, requested_at) VALUES ($1, $2, $3)
       ON CONFLICT (patient_id) DO UPDATE SET commitment = EXCLUDED.commitment, requested_at = EXCLUDED.requested_at`,
      [patientId, commitment, at],
    );
  }

  async findRequest(patientId: string): Promise<{ commitment: string; requestedAt: Date } | null> {
    const rows = (await this.dataSource.query(`SELECT commitment, requested_at FROM credential_request WHERE patient_id = $1`, [
      patientId,
    ])) as {
      commitment: string;
      requested_at: Date;
    }[];
    return rows[0] ? { commitment: rows[0].commitment, requestedAt: new Date(rows[0].requested_at) } : null;
  }

  async saveCredential(row: { id: string; patientId: string; issuer: string; sealed: Buffer; issuedAt: Date }): Promise<void> {
    await this.dataSource.query(`INSERT INTO credential (id, patient_id, issuer, sealed, issued_at) VALUES ($1, $2, $3, $4, $5)`, [
      row.id,
      row.patientId,
      row.issuer,
      row.sealed,
      row.issuedAt,
    ]);
  }

  async credentialsOf(patientId: string): Promise<{ id: string; sealed: Buffer; issuedAt: Date }[]> {
    const rows = (await this.dataSource.query(`SELECT id, sealed, issued_at FROM credential WHERE patient_id = $1`, [patientId])) as {
      id: string;
      sealed: Buffer | Uint8Array;
      issued_at: Date;
    }[];
    return rows.map((row) => ({ id: row.id, sealed: Buffer.from(row.sealed), issuedAt: new Date(row.issued_at) }));
  }

  async pendingRequests(): Promise<{ patientId: string; requestedAt: Date }[]> {
    const rows = (await this.dataSource.query(
      `SELECT r.patient_id, r.requested_at FROM credential_request r
       WHERE NOT EXISTS (SELECT 1 FROM credential c WHERE c.patient_id = r.patient_id AND c.issued_at >= r.requested_at)
       ORDER BY r.requested_at`,
    )) as { patient_id: string; requested_at: Date }[];
    return rows.map((r) => ({ patientId: r.patient_id, requestedAt: new Date(r.requested_at) }));
  }
}
