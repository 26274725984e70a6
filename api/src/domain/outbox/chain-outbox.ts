/**
 * The transactional outbox for chain writes. The database comes first: a service commits its
 * effect (a consent, a revocation, a break-glass grant) together with an intent row, in one
 * transaction. This worker then relays each pending intent, one at a time, in creation order:
 *
 *   1. it asks the chain whether the intent already took effect (a previous attempt was mined
 *      and the process died before recording it): if so it adopts that transaction;
 *   2. otherwise it sends the transaction (the intent's idempotency key makes a second send
 *      harmless: the contract refuses a duplicate, and step 1 finds the first);
 *   3. a refusal by the contract is final (FAILED, with the reason, and the service undoes the
 *      effect); anything else (RPC down, timeout, out of gas money) is retried with backoff,
 *      for as long as it takes. Nothing is dropped.
 *
 * Callers wait a little for the outcome (`settle`) so that, with a healthy chain, a mutation
 * answers CONFIRMED with its transaction hash; with the chain down it answers PENDING at once.
 */
import { randomUUID } from "node:crypto";

import { crashPoint } from "../crash-point";
import { DomainError, type DomainErrorCode } from "../errors";
import { inProcessRunLock, type RunLock } from "../run-lock";

export type ChainWriteStatus = "PENDING" | "CONFIRMED" | "FAILED";

export interface ChainIntent {
  id: string;
  kind: string;
  /** Unique per chain effect (e.g. the consent id): a second intent for the same effect is refused. */
  key: string;
  /** What the handler needs to send it; public data only (it goes on chain anyway). */
  payload: Record<string, unknown>;
}

/** A new intent; the service's store inserts it in the same transaction as the effect. */
export function newIntent(kind: string, key: string, payload: Record<string, unknown>): ChainIntent {
  return { id: randomUUID(), kind, key, payload };
}

export interface IntentRow extends ChainIntent {
  status: ChainWriteStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  /** The contract's refusal as a domain error code (FAILED intents only). */
  errorCode: DomainErrorCode | null;
  txHash: string | null;
  createdAt: Date;
}

/** The typed error a caller gets for a refused intent: the contract's own code and reason. */
export function refusal(row: IntentRow, what: string): DomainError {
  return new DomainError(row.errorCode ?? "CONFLICT", `the chain refused ${what}: ${row.lastError ?? "unknown reason"}`);
}

export interface OutboxStore {
  /** Inserts an intent on its own (a write that changes no row here); false if its key is taken. */
  insert(intent: ChainIntent, at: Date): Promise<boolean>;
  /** Pending intents, oldest first. */
  pending(limit: number): Promise<IntentRow[]>;
  find(id: string): Promise<IntentRow | null>;
  confirm(id: string, txHash: string, at: Date): Promise<void>;
  fail(id: string, reason: string, code: DomainErrorCode, at: Date): Promise<void>;
  retryLater(id: string, error: string, nextAttemptAt: Date, at: Date): Promise<void>;
  counts(): Promise<{ pending: number; failed: number }>;
}

/** How one kind of intent reaches the chain. */
export interface IntentHandler {
  /** The transaction that already carried this intent, or null if the chain has not seen it. */
  landed(payload: Record<string, unknown>): Promise<string | null>;
  /** Sends the transaction and waits for it to be mined; throws DomainError when the contract refuses. */
  send(payload: Record<string, unknown>): Promise<string>;
  /** Records success in the domain's own rows (idempotent: may run twice after a crash). */
  confirmed(payload: Record<string, unknown>, txHash: string): Promise<void>;
  /** Records a final refusal in the domain's own rows. */
  failed(payload: Record<string, unknown>, reason: string): Promise<void>;
}

/** A handler for a write whose only record is the chain (a vote): nothing to update here when it lands or is refused. */
export function chainOnlyHandler(landed: IntentHandler["landed"], send: IntentHandler["send"]): IntentHandler {
  return { landed, send, confirmed: async () => undefined, failed: async () => undefined };
}

export interface OutboxSettings {
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long a mutation waits for its chain write before answering PENDING. */
  settleMs: number;
}

export const DEFAULT_OUTBOX_SETTINGS: OutboxSettings = { baseBackoffMs: 1000, maxBackoffMs: 60_000, settleMs: 15_000 };

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split("\n")[0].slice(0, 300);

export class ChainOutbox {
  private readonly handlers = new Map<string, IntentHandler>();
  private running: Promise<number> | null = null;
  private again = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly settings: OutboxSettings = DEFAULT_OUTBOX_SETTINGS,
    private readonly log: (message: string) => void = () => undefined,
    private readonly clock: () => Date = () => new Date(),
    /** Several API processes: one relays at a time (PostgreSQL advisory lock), so no intent is sent twice. */
    private readonly exclusive: RunLock = inProcessRunLock(),
  ) {}

  register(kind: string, handler: IntentHandler): void {
    this.handlers.set(kind, handler);
  }

  /**
   * Queues a chain write whose only record is the chain (a vote): no effect here to commit with it.
   * False when an intent with the same key exists (the same vote already queued).
   */
  enqueue(intent: ChainIntent): Promise<boolean> {
    return this.store.insert(intent, this.clock());
  }

  /** Relays every due intent; one run at a time (a call during a run schedules one more run). */
  relayDue(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async (): Promise<number> => {
      let done = 0;
      do {
        this.again = false;
        // null: another process is relaying now; it takes every due intent, ours included.
        done += (await this.exclusive.tryRun(() => this.relayBatch())) ?? 0;
      } while (this.again);
      return done;
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async relayBatch(): Promise<number> {
    let done = 0;
    for (;;) {
      const pending = await this.store.pending(20);
      if (pending.length === 0) return done;
      for (const intent of pending) {
        // Strictly in creation order: a later intent may depend on an earlier one (a revocation
        // on its grant), so the queue waits at the first intent that is backing off or failed again.
        if (intent.nextAttemptAt > this.clock()) return done;
        if (!(await this.relayOne(intent))) return done;
        done++;
      }
    }
  }

  /** Returns false when the intent must wait (the chain did not answer). */
  private async relayOne(intent: IntentRow): Promise<boolean> {
    const handler = this.handlers.get(intent.kind);
    if (!handler) {
      await this.store.fail(intent.id, `no handler for ${intent.kind}`, "CONFLICT", this.clock());
      return true;
    }
    try {
      let txHash = await handler.landed(intent.payload);
      if (txHash !== null) this.log(`outbox: ${intent.kind} ${intent.key} was already on chain (${txHash}); recorded`);
      else {
        crashPoint(`${intent.kind}-send`);
        txHash = await handler.send(intent.payload);
        crashPoint(`${intent.kind}-mined`);
      }
      await handler.confirmed(intent.payload, txHash);
      await this.store.confirm(intent.id, txHash, this.clock());
      return true;
    } catch (error) {
      if (error instanceof DomainError) {
        // A duplicate refused because another attempt (another process, a lost answer) landed first is a success.
        const landed = await handler.landed(intent.payload).catch(() => null);
        if (landed !== null) {
          await handler.confirmed(intent.payload, landed);
          await this.store.confirm(intent.id, landed, this.clock());
          return true;
        }
        // The contract refused: final. The service undoes what it had let take effect.
        await handler.failed(intent.payload, error.message);
        await this.store.fail(intent.id, error.message, error.code, this.clock());
        this.log(`outbox: ${intent.kind} ${intent.key} refused by the chain: ${error.message}`);
        return true;
      }
      const attempts = intent.attempts + 1;
      const delay = Math.min(this.settings.maxBackoffMs, this.settings.baseBackoffMs * 2 ** Math.min(attempts - 1, 16));
      await this.store.retryLater(intent.id, firstLine(error), new Date(this.clock().getTime() + delay), this.clock());
      if (attempts === 1) this.log(`outbox: ${intent.kind} ${intent.key} waits for the chain (${firstLine(error)}); will retry`);
      return false;
    }
  }

  /** Relays now and waits up to `waitMs` (default `settleMs`) for the intent to leave PENDING; returns its row. */
  async settle(intentId: string, waitMs = this.settings.settleMs): Promise<IntentRow | null> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const ran = this.relayDue().catch(() => 0);
      await Promise.race([ran, new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
      const row = await this.store.find(intentId);
      if (!row || row.status !== "PENDING" || Date.now() >= deadline) return row;
      // Another run held the worker, or the attempt failed and waits for its backoff: answer PENDING.
      if (row.attempts > 0) return row;
      // Another process relays now: look again shortly.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  counts(): Promise<{ pending: number; failed: number }> {
    return this.store.counts();
  }
}
