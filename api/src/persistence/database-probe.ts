import type { DataSource } from "typeorm";

import type { DatabaseKind, DatabaseProbe } from "../domain/health.service";

export class DataSourceProbe implements DatabaseProbe {
  constructor(
    private readonly dataSource: DataSource,
    readonly kind: DatabaseKind,
  ) {}

  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }
}
