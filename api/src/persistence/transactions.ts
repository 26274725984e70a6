/**
 * Transactions that never interleave within this process. PGlite is a single connection: two
 * requests' transactions would share it, so neither a table lock nor a row lock keeps them
 * apart and their statements would mix (seen as duplicate access-log sequence numbers and an
 * overspent privacy budget under concurrent requests). Transactions on one data source
 * therefore run one after another here; on PostgreSQL each still takes its own locks, which
 * keep several API instances apart.
 */
import type { DataSource, EntityManager } from "typeorm";

const queues = new WeakMap<DataSource, Promise<unknown>>();

export function serialTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(() => dataSource.transaction(work));
  queues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}
