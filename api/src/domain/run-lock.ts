/**
 * Work one API process at a time may do when several share one PostgreSQL (anchoring, relaying
 * the chain outbox). persistence/cluster-lock.ts implements it with an advisory lock.
 */
export interface RunLock {
  /** Runs `work` if no other run holds the lock now; null (without running it) otherwise. */
  tryRun<T>(work: () => Promise<T>): Promise<T | null>;
}

/** One run at a time within this process (PGlite: one process owns the database). */
export function inProcessRunLock(): RunLock {
  let busy = false;
  return {
    async tryRun(work) {
      if (busy) return null;
      busy = true;
      try {
        return await work();
      } finally {
        busy = false;
      }
    },
  };
}
