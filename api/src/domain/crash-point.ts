/**
 * Crash points for the fault tests: `MEDLEDGER_CRASH_AT=<name>` makes the process kill itself
 * with SIGKILL when it reaches the named point (e.g. `anchor-mined`: after an anchor
 * transaction is mined, before its batch is saved). Unset in every real deployment, where
 * this is one string comparison.
 */
export function crashPoint(name: string): void {
  if (process.env.MEDLEDGER_CRASH_AT === name) {
    console.error(`[api] crash point ${name}: SIGKILL`);
    process.kill(process.pid, "SIGKILL");
  }
}
