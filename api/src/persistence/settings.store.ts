import type { DataSource } from "typeorm";

import type { SyncCursorStore } from "../domain/chain-sync.service";
import { SystemSettingEntity } from "./system-setting.entity";

/** Small facts the deployment keeps about itself (system_setting). */
export class TypeOrmSettingsStore implements SyncCursorStore {
  constructor(private readonly dataSource: DataSource) {}

  async get(key: string): Promise<unknown> {
    return (await this.dataSource.getRepository(SystemSettingEntity).findOneBy({ key }))?.value;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.dataSource.getRepository(SystemSettingEntity).upsert({ key, value: value as object }, ["key"]);
  }
}
