/**
 * Hashes of the private ledger. Everything hashed is first canonicalised with RFC 8785 (JSON
 * Canonicalization Scheme), so the same content always gives the same hash, whatever the key
 * order or number formatting it arrived with.
 */
import { createHash } from "node:crypto";

import canonicalize from "canonicalize";

/** previousHash of the first entry of every chain. */
export const GENESIS_HASH = "0".repeat(64);

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error("value cannot be canonicalised");
  return text;
}

export function contentHash(resource: unknown): string {
  return sha256Hex(canonicalJson(resource));
}

export interface VersionHashInput {
  recordId: string;
  version: number;
  lifecycle: string;
  author: string;
  createdAt: Date;
  reason: string | null;
  contentHash: string;
  previousHash: string;
}

/** Hash of one record version: its content hash chained to the previous version's hash. */
export function versionHash(input: VersionHashInput): string {
  return sha256Hex(canonicalJson({ ...input, createdAt: input.createdAt.toISOString() }));
}

export interface AccessEntryHashInput {
  seq: number;
  at: Date;
  actor: string | null;
  patientId: string | null;
  recordId: string | null;
  action: string;
  purpose: string | null;
  decision: string;
  reason: string;
  previousHash: string;
}

export function accessEntryHash(input: AccessEntryHashInput): string {
  return sha256Hex(canonicalJson({ ...input, at: input.at.toISOString() }));
}
