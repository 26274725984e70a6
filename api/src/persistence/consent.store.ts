import type { DataSource } from "typeorm";

import type { Purpose } from "../domain/actors";
import type { AccessRequestRow, BreakGlassRow, ConsentRow, ConsentStore } from "../domain/consent/consent.service";
import { AccessRequestEntity, BreakGlassEntity, ConsentEntity } from "./consent.entities";

const toConsent = (row: ConsentEntity): ConsentRow => ({ ...row, purpose: row.purpose as Purpose });
const toRequest = (row: AccessRequestEntity): AccessRequestRow => ({
  ...row,
  purpose: row.purpose as Purpose,
  status: row.status as AccessRequestRow["status"],
});

export class TypeOrmConsentStore implements ConsentStore {
  constructor(private readonly dataSource: DataSource) {}

  async saveConsent(row: ConsentRow): Promise<void> {
    await this.dataSource
      .getRepository(ConsentEntity)
      .insert({ ...row, id: row.id.toLowerCase(), resourceTypes: [...row.resourceTypes], recordIds: [...row.recordIds] });
  }

  async findConsent(id: string): Promise<ConsentRow | null> {
    const row = await this.dataSource.getRepository(ConsentEntity).findOneBy({ id: id.toLowerCase() });
    return row ? toConsent(row) : null;
  }

  async markRevoked(id: string, at: Date, txHash: string): Promise<void> {
    await this.dataSource.getRepository(ConsentEntity).update({ id: id.toLowerCase() }, { revokedAt: at, revokeTx: txHash });
  }

  async markRevokedIfActive(id: string, at: Date, txHash: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ConsentEntity)
      .set({ revokedAt: at, revokeTx: txHash })
      .where("id = :id AND revoked_at IS NULL", { id: id.toLowerCase() })
      .execute();
    return result.affected === 1;
  }

  async consentsOf(patientId: string): Promise<ConsentRow[]> {
    return (await this.dataSource.getRepository(ConsentEntity).find({ where: { patientId }, order: { grantedAt: "DESC" } })).map(toConsent);
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

  async saveBreakGlass(row: BreakGlassRow): Promise<void> {
    await this.dataSource.getRepository(BreakGlassEntity).insert(row);
  }

  async breakGlassOf(patientId: string): Promise<BreakGlassRow[]> {
    return this.dataSource.getRepository(BreakGlassEntity).findBy({ patientId });
  }
}
