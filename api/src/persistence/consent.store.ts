import type { DataSource } from "typeorm";

import type { Purpose } from "../domain/actors";
import type { AccessRequestRow, BreakGlassRow, CareRelationship, ConsentRow, ConsentStore } from "../domain/consent/consent.service";
import { conflict } from "../domain/errors";
import type { ChainIntent, ChainWriteStatus } from "../domain/outbox/chain-outbox";
import { AccessRequestEntity, BreakGlassEntity, ConsentEntity } from "./consent.entities";
import { insertIntent } from "./outbox.store";
import { isUniqueViolation, serialTransaction } from "./transactions";

const toBreakGlass = (row: BreakGlassEntity): BreakGlassRow => ({ ...row, chainStatus: row.chainStatus as ChainWriteStatus });

const toConsent = (row: ConsentEntity): ConsentRow => ({
  ...row,
  purpose: row.purpose as Purpose,
  chainStatus: row.chainStatus as ChainWriteStatus,
});
const toRequest = (row: AccessRequestEntity): AccessRequestRow => ({
  ...row,
  purpose: row.purpose as Purpose,
  status: row.status as AccessRequestRow["status"],
});

export class TypeOrmConsentStore implements ConsentStore {
  constructor(private readonly dataSource: DataSource) {}

  async grant(row: ConsentRow, intent: ChainIntent, requestId: string | null, at: Date): Promise<void> {
    try {
      await serialTransaction(this.dataSource, async (manager) => {
        await manager.insert(ConsentEntity, {
          ...row,
          id: row.id.toLowerCase(),
          resourceTypes: [...row.resourceTypes],
          recordIds: [...row.recordIds],
        });
        if (requestId) {
          const answered = await manager
            .createQueryBuilder()
            .update(AccessRequestEntity)
            .set({ status: "GRANTED", answeredAt: at, consentId: row.id.toLowerCase() })
            .where("id = :id AND status = 'PENDING'", { id: requestId })
            .execute();
          if (answered.affected !== 1) throw conflict("the access request was answered meanwhile");
        }
        await insertIntent(manager, intent, at);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict("this exact consent was already granted: prepare a new one");
      throw error;
    }
  }

  async revoke(id: string, at: Date, intent: ChainIntent): Promise<boolean> {
    return serialTransaction(this.dataSource, async (manager) => {
      // Revocable once, unless the chain refused the revocation (then the patient signs it again).
      const result = await manager
        .createQueryBuilder()
        .update(ConsentEntity)
        .set({ revokedAt: () => "COALESCE(revoked_at, :at)", chainStatus: "PENDING", chainError: null })
        .setParameter("at", at)
        .where("id = :id AND (revoked_at IS NULL OR chain_status = 'FAILED')", { id: id.toLowerCase() })
        .execute();
      if (result.affected !== 1) return false;
      await insertIntent(manager, intent, at);
      return true;
    });
  }

  async consentLanded(id: string, step: "grant" | "revoke", txHash: string): Promise<void> {
    await this.dataSource
      .getRepository(ConsentEntity)
      .update(
        { id: id.toLowerCase() },
        { [step === "grant" ? "grantTx" : "revokeTx"]: txHash, chainStatus: "CONFIRMED", chainError: null },
      );
  }

  async consentChainFailed(id: string, reason: string): Promise<void> {
    await this.dataSource.getRepository(ConsentEntity).update({ id: id.toLowerCase() }, { chainStatus: "FAILED", chainError: reason });
  }

  async findConsent(id: string): Promise<ConsentRow | null> {
    const row = await this.dataSource.getRepository(ConsentEntity).findOneBy({ id: id.toLowerCase() });
    return row ? toConsent(row) : null;
  }

  async markRevokedIfActive(id: string, at: Date, txHash: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ConsentEntity)
      .set({ revokedAt: at, revokeTx: txHash, chainStatus: "CONFIRMED", chainError: null })
      .where("id = :id AND revoked_at IS NULL", { id: id.toLowerCase() })
      .execute();
    return result.affected === 1;
  }

  async consentsOf(patientId: string): Promise<ConsentRow[]> {
    return (await this.dataSource.getRepository(ConsentEntity).find({ where: { patientId }, order: { grantedAt: "DESC" } })).map(toConsent);
  }

  async consentsTo(patientId: string, grantee: string): Promise<ConsentRow[]> {
    return (
      await this.dataSource
        .getRepository(ConsentEntity)
        .createQueryBuilder("c")
        .where("c.patientId = :patientId AND lower(c.grantee) = lower(:grantee)", { patientId, grantee })
        .orderBy("c.grantedAt", "DESC")
        .getMany()
    ).map(toConsent);
  }

  async saveRequest(row: AccessRequestRow): Promise<void> {
    await this.dataSource.getRepository(AccessRequestEntity).insert(row);
  }

  async findRequest(id: string): Promise<AccessRequestRow | null> {
    const row = await this.dataSource.getRepository(AccessRequestEntity).findOneBy({ id });
    return row ? toRequest(row) : null;
  }

  async answerRequest(id: string, status: "GRANTED" | "DECLINED", at: Date, consentId: string | null): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(AccessRequestEntity)
      .set({ status, answeredAt: at, consentId })
      .where("id = :id AND status = 'PENDING'", { id })
      .execute();
    return result.affected === 1;
  }

  async requestsOfPatient(patientId: string): Promise<AccessRequestRow[]> {
    return (await this.dataSource.getRepository(AccessRequestEntity).find({ where: { patientId }, order: { createdAt: "DESC" } })).map(
      toRequest,
    );
  }

  async requestsBy(requester: string): Promise<AccessRequestRow[]> {
    return (await this.dataSource.getRepository(AccessRequestEntity).find({ where: { requester }, order: { createdAt: "DESC" } })).map(
      toRequest,
    );
  }

  async saveBreakGlass(row: BreakGlassRow, intent: ChainIntent): Promise<void> {
    await serialTransaction(this.dataSource, async (manager) => {
      await manager.insert(BreakGlassEntity, row);
      await insertIntent(manager, intent, row.createdAt);
    });
  }

  async breakGlassLanded(id: string, txHash: string | null, error: string | null): Promise<void> {
    await this.dataSource
      .getRepository(BreakGlassEntity)
      .update({ id }, txHash ? { txHash, chainStatus: "CONFIRMED", chainError: null } : { chainStatus: "FAILED", chainError: error });
  }

  async breakGlassOf(patientId: string): Promise<BreakGlassRow[]> {
    return (await this.dataSource.getRepository(BreakGlassEntity).findBy({ patientId })).map(toBreakGlass);
  }

  async careRelationships(doctor: string, afterPatientId: string | null, limit: number, at: Date): Promise<CareRelationship[]> {
    // Each branch walks an index that starts with the doctor's address (migration 1764001500000).
    // A grant the chain refused never took effect; a revoked or expired one is over.
    const rows = (await this.dataSource.query(
      `SELECT patient_id,
              bool_or(kind = 'author') AS authored,
              max(until) FILTER (WHERE kind = 'consent') AS consent_until,
              max(until) FILTER (WHERE kind = 'glass') AS glass_until
         FROM (
           SELECT DISTINCT patient_id, 'author' AS kind, NULL::timestamptz AS until FROM record WHERE author = $1
           UNION ALL
           SELECT patient_id, 'consent', expires_at FROM consent
            WHERE grantee = $1 AND revoked_at IS NULL AND expires_at > $2 AND chain_status <> 'FAILED'
           UNION ALL
           SELECT patient_id, 'glass', expires_at FROM break_glass WHERE doctor = $1 AND expires_at > $2
         ) AS reach
        WHERE $3::uuid IS NULL OR patient_id > $3::uuid
        GROUP BY patient_id
        ORDER BY patient_id
        LIMIT $4`,
      [doctor, at.toISOString(), afterPatientId, limit],
    )) as { patient_id: string; authored: boolean; consent_until: Date | string | null; glass_until: Date | string | null }[];
    const date = (value: Date | string | null) => (value === null ? null : new Date(value));
    return rows.map((row) => ({
      patientId: row.patient_id,
      authored: row.authored,
      consentUntil: date(row.consent_until),
      breakGlassUntil: date(row.glass_until),
    }));
  }

  async breakGlassBy(patientId: string, doctor: string): Promise<BreakGlassRow[]> {
    return (
      await this.dataSource
        .getRepository(BreakGlassEntity)
        .createQueryBuilder("g")
        .where("g.patientId = :patientId AND lower(g.doctor) = lower(:doctor)", { patientId, doctor })
        .getMany()
    ).map(toBreakGlass);
  }
}
