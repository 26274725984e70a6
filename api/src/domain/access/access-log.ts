/**
 * The access log: every access attempt, allowed or denied, appended to a hash chain
 * (entry_hash = H(seq, fields, previous entry's hash)). Editing, reordering or removing an
 * entry breaks the chain; `verify` finds the first broken entry.
 */
import { accessEntryHash, GENESIS_HASH } from "../ledger-hash";

export interface AccessEntryInput {
  actor: string | null;
  patientId: string | null;
  recordId: string | null;
  action: string;
  purpose: string | null;
  decision: "ALLOW" | "DENY";
  reason: string;
}

export interface AccessEntry extends AccessEntryInput {
  seq: number;
  at: Date;
  previousHash: string;
  entryHash: string;
}

export interface AccessLogStore {
  /** Appends under a lock: `build` receives the chain head and returns the entry to insert. */
  append(build: (head: { seq: number; entryHash: string } | null) => AccessEntry): Promise<AccessEntry>;
  /** Entries in seq order, from `afterSeq` (exclusive), at most `limit`. */
  range(afterSeq: number, limit: number): Promise<AccessEntry[]>;
  forPatient(patientId: string, afterSeq: number | null, limit: number): Promise<AccessEntry[]>;
}

export interface AccessLogVerification {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  problem: string | null;
}

export function hashEntry(entry: Omit<AccessEntry, "entryHash">): string {
  return accessEntryHash({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    patientId: entry.patientId,
    recordId: entry.recordId,
    action: entry.action,
    purpose: entry.purpose,
    decision: entry.decision,
    reason: entry.reason,
    previousHash: entry.previousHash,
  });
}

export class AccessLog {
  constructor(
    private readonly store: AccessLogStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  record(input: AccessEntryInput): Promise<AccessEntry> {
    return this.store.append((head) => {
      const base = { ...input, seq: (head?.seq ?? 0) + 1, at: this.clock(), previousHash: head?.entryHash ?? GENESIS_HASH };
      return { ...base, entryHash: hashEntry(base) };
    });
  }

  forPatient(patientId: string, afterSeq: number | null, limit: number): Promise<AccessEntry[]> {
    return this.store.forPatient(patientId, afterSeq, limit);
  }

  /** Walks the whole chain: sequence without gaps, each hash recomputed, each link intact. */
  async verify(): Promise<AccessLogVerification> {
    let previous = { seq: 0, entryHash: GENESIS_HASH };
    let checked = 0;
    for (;;) {
      const page = await this.store.range(previous.seq, 1000);
      if (page.length === 0) return { ok: true, checked, firstBadSeq: null, problem: null };
      for (const entry of page) {
        const bad = (problem: string): AccessLogVerification => ({ ok: false, checked, firstBadSeq: entry.seq, problem });
        if (entry.seq !== previous.seq + 1)
          return { ok: false, checked, firstBadSeq: previous.seq + 1, problem: `entry ${previous.seq + 1} is missing` };
        if (entry.previousHash !== previous.entryHash) return bad(`entry ${entry.seq} does not link to entry ${previous.seq}`);
        if (hashEntry(entry) !== entry.entryHash) return bad(`entry ${entry.seq} was modified after it was written`);
        previous = entry;
        checked++;
      }
    }
  }
}
