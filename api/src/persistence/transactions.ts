/**
 * Transactions, serialised only where they must be.
 *
 * PGlite is one connection: two requests' transactions would share it, so neither a table lock
 * nor a row lock keeps them apart and their statements would mix (seen as duplicate access-log
 * sequence numbers and an overspent privacy budget under concurrent requests). On PGlite,
 * transactions therefore run one after another.
 *
 * On PostgreSQL each transaction has its own pooled connection and takes the locks its rules
 * need (the access log's table lock, a study's row lock, a record's version check), so
 * transactions of different patients and studies run side by side, in this process and
 * across API processes.
 */
import type { DataSource, EntityManager } from "typeorm";

const singleConnection = new WeakSet<DataSource>();
const queues = new WeakMap<DataSource, Promise<unknown>>();

/** Marks an embedded, single-connection data source (PGlite): its transactions are queued. */
export function markSingleConnection(dataSource: DataSource): void {
  singleConnection.add(dataSource);
}

export function serialTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!singleConnection.has(dataSource)) return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(() => dataSource.transaction(work));
  queues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/** PostgreSQL's unique_violation (23505): the loser of an insert race. */
export function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; driverError?: { code?: string } } | null)?.driverError?.code ?? (error as { code?: string })?.code;
  return code === "23505";
}
