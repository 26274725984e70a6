import type { DataSource } from "typeorm";

import type { Role } from "../domain/actors";
import type { AccountRecord, AuthStore, ChallengeRecord } from "../domain/auth/auth.service";
import { AccountEntity, AuthChallengeEntity } from "./ledger.entities";

export class TypeOrmAuthStore implements AuthStore {
  constructor(private readonly dataSource: DataSource) {}

  async saveChallenge(challenge: ChallengeRecord): Promise<void> {
    await this.dataSource.getRepository(AuthChallengeEntity).insert({ ...challenge, usedAt: null });
  }

  async consumeChallenge(nonce: string, at: Date): Promise<ChallengeRecord | null> {
    // Single use even under concurrent sign-ins: only one UPDATE can flip used_at from NULL.
    const result = await this.dataSource
      .createQueryBuilder()
      .update(AuthChallengeEntity)
      .set({ usedAt: at })
      .where("nonce = :nonce AND used_at IS NULL", { nonce })
      .returning(["nonce", "address", "issuedAt", "expiresAt"])
      .execute();
    const row = (result.raw as { nonce: string; address: string; issued_at: Date; expires_at: Date }[])[0];
    return row ? { nonce: row.nonce, address: row.address, issuedAt: new Date(row.issued_at), expiresAt: new Date(row.expires_at) } : null;
  }

  async purgeExpiredChallenges(before: Date): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(AuthChallengeEntity)
      .where("expires_at < :before", { before })
      .execute();
    return result.affected ?? 0;
  }

  async saveAccount(account: AccountRecord): Promise<void> {
    await this.dataSource
      .getRepository(AccountEntity)
      .upsert({ address: account.address, roles: account.roles, rolesSyncedAt: new Date() }, ["address"]);
  }

  async findAccount(address: string): Promise<AccountRecord | null> {
    const row = await this.dataSource.getRepository(AccountEntity).findOneBy({ address });
    return row ? { address: row.address, roles: row.roles as Role[] } : null;
  }
}
