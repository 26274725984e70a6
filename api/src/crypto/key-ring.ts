/**
 * Envelope encryption for the private ledger: every patient has a random 256-bit data key,
 * stored only wrapped (AES-256-GCM) under the master key; payloads are AES-256-GCM under the
 * patient's data key. Sealed blobs are iv (12 bytes) | tag (16 bytes) | ciphertext.
 * The associated data binds a blob to where it belongs (patient id, record version), so a
 * ciphertext copied to another row does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  override name = "DecryptionError";
}

export function seal(key: Buffer, plaintext: Buffer, associatedData: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

export function open(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new DecryptionError("sealed blob too short");
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError("authentication failed: wrong key or tampered ciphertext");
  }
}

export class KeyRing {
  private readonly wrappingKey: Buffer;
  private readonly codeIndexKey: Buffer;
  private readonly conditionIndexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error("the master key must be 32 bytes");
    this.wrappingKey = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "medledger/data-key-wrapping/v1", 32));
    this.codeIndexKey = KeyRing.derive(masterKey, "record-code-index");
    this.conditionIndexKey = KeyRing.derive(masterKey, "research-condition-index");
  }

  /**
   * The research index's blind index of a coded condition (decision 0009): HMAC-SHA256 of
   * "system|code" under its own derived key, so one column answers equality on system and code
   * together, and the research index's keys do not match the record table's.
   */
  conditionKey(system: string, code: string): string {
    return createHmac("sha256", this.conditionIndexKey).update(`${system}|${code}`).digest("hex");
  }

  /**
   * The blind index of a clinical code (decision 0008): HMAC-SHA256 under a key derived from the
   * master key, so the database holds no code in clear yet answers "records with this code".
   */
  codeKey(code: string): string {
    return createHmac("sha256", this.codeIndexKey).update(code).digest("hex");
  }

  /** A fresh data key for a new patient, and its wrapped form to store. */
  newDataKey(patientId: string): { key: Buffer; wrapped: Buffer } {
    const key = randomBytes(32);
    return { key, wrapped: seal(this.wrappingKey, key, `patient:${patientId}`) };
  }

  unwrap(patientId: string, wrapped: Buffer): Buffer {
    return open(this.wrappingKey, wrapped, `patient:${patientId}`);
  }

  /** A purpose-specific secret derived from the master key (e.g. the session-signing key). */
  static derive(masterKey: Buffer, purpose: string): Buffer {
    return Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), `medledger/${purpose}/v1`, 32));
  }
}
