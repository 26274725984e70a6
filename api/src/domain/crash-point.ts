/**
 * Crash points for the fault tests: `MEDLEDGER_CRASH_AT=<name>` makes the process kill itself
 * with SIGKILL when it reaches the named point (e.g. `anchor-mined`: after an anchor
 * transaction is mined, before its batch is saved). In-process tests set
 * `MEDLEDGER_FAIL_ONCE_AT=<name>` instead: the first time the point is reached it throws (as a
 * lost connection would), then the variable is cleared. Unset in every real deployment, where
 * this is two string comparisons.
 */
export function crashPoint(name: string): void {
  if (process.env.MEDLEDGER_CRASH_AT === name) {
    console.error(`[api] crash point ${name}: SIGKILL`);
    process.kill(process.pid, "SIGKILL");
  }
  if (process.env.MEDLEDGER_FAIL_ONCE_AT === name) {
    delete process.env.MEDLEDGER_FAIL_ONCE_AT;
    throw new Error(`injected failure at ${name}`);
  }
}
