/**
 * Consent, access requests and break-glass.
 *
 * A patient signs an EIP-712 Consent (grantee, scope hash, purpose, expiry, nonce) with their
 * own key; the API checks the signature, relays it to ConsentRegistry (the patient needs no
 * ETH) and mirrors it. The scope itself (resource types, record ids) stays off chain; the chain
 * holds its hash. Revocation works the same way. Every read checks the mirrored consents
 * through the access policy.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";

import type { KeyRing } from "../../crypto/key-ring";
import { open, seal } from "../../crypto/key-ring";
import type { AccessLog } from "../access/access-log";
import type { AccessFacts, ActiveConsent, BreakGlassGrant } from "../access/access-policy";
import { hasRole, PURPOSES, type Actor, type Purpose } from "../actors";
import { badInput, conflict, forbidden, notFound, unauthenticated } from "../errors";
import { newIntent, type ChainIntent, type ChainOutbox, type ChainWriteStatus, type IntentHandler } from "../outbox/chain-outbox";
import { canonicalJson, sha256Hex } from "../ledger-hash";
import type { PatientRow, RecordStore } from "../records/record-store";

/** The EIP-712 Consent message (contracts/deploy/consent-eip712.json). */
export interface ConsentMessage {
  patient: string;
  grantee: string;
  scopeHash: string;
  purpose: string;
  expiresAt: number;
  nonce: string;
}

/** eth_signTypedData_v4 payload. */
export interface TypedData {
  domain: Record<string, unknown>;
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  message: Record<string, unknown>;
}

export interface ConsentChain {
  consentTypedData(message: ConsentMessage): TypedData;
  revocationTypedData(consentId: string, deadline: number): TypedData;
  /** The address that signed the typed data; BAD_USER_INPUT for a malformed signature. */
  recoverSigner(typedData: TypedData, signature: string): string;
  /** The consent id: the EIP-712 digest of the message, as ConsentRegistry computes it. */
  consentId(message: ConsentMessage): string;
  relayConsent(message: ConsentMessage, signature: string): Promise<{ id: string; txHash: string }>;
  relayRevocation(consentId: string, deadline: number, signature: string): Promise<string>;
  recordEmergencyAccess(patientRef: string, doctor: string, reasonHash: string, expiresAt: number): Promise<string>;
  /** Reconciliation after a crash: the transaction that granted / revoked / recorded it, or null. */
  consentGrantTx(consentId: string): Promise<string | null>;
  consentRevocationTx(consentId: string): Promise<string | null>;
  emergencyAccessTx(patientRef: string, doctor: string, reasonHash: string, expiresAt: number): Promise<string | null>;
  checksum(address: string): string;
}

export interface ConsentRow extends ActiveConsent {
  patientAddress: string;
  nonce: string;
  scopeHash: string;
  requestId: string | null;
  grantedAt: Date;
  /** Null until the grant is mined. */
  grantTx: string | null;
  revokeTx: string | null;
  /** How the latest chain write for this consent (its grant, then its revocation) went. */
  chainStatus: ChainWriteStatus;
  chainError: string | null;
}

export interface AccessRequestRow {
  id: string;
  patientId: string;
  requester: string;
  resourceTypes: string[];
  recordIds: string[];
  purpose: Purpose;
  reason: string;
  status: "PENDING" | "GRANTED" | "DECLINED";
  createdAt: Date;
  answeredAt: Date | null;
  consentId: string | null;
}

export interface BreakGlassRow {
  id: string;
  patientId: string;
  doctor: string;
  sealedReason: Buffer;
  reasonHash: string;
  createdAt: Date;
  expiresAt: Date;
  txHash: string | null;
  chainStatus: ChainWriteStatus;
  chainError: string | null;
}

/** Why a doctor may see a patient now (what `myPatients` lists). */
export interface CareRelationship {
  patientId: string;
  /** The doctor wrote records of the patient (a treatment relationship). */
  authored: boolean;
  /** The latest expiry of the consents granted to the doctor that are in force, if any. */
  consentUntil: Date | null;
  /** The latest expiry of the doctor's break-glass grants that are in force, if any. */
  breakGlassUntil: Date | null;
}

export interface ConsentStore {
  /**
   * One transaction: the consent, the answer to its access request (if any) and the chain
   * intent. CONFLICT when this exact consent exists or the request was answered meanwhile.
   */
  grant(row: ConsentRow, intent: ChainIntent, requestId: string | null, at: Date): Promise<void>;
  findConsent(id: string): Promise<ConsentRow | null>;
  /** One transaction: marks the consent revoked (unless a revocation is in force) and queues the intent. */
  revoke(id: string, at: Date, intent: ChainIntent): Promise<boolean>;
  /** The outcome of the consent's latest chain write. */
  consentLanded(id: string, step: "grant" | "revoke", txHash: string): Promise<void>;
  consentChainFailed(id: string, reason: string): Promise<void>;
  consentsOf(patientId: string): Promise<ConsentRow[]>;
  /** The patient's consents to one grantee (any state). */
  consentsTo(patientId: string, grantee: string): Promise<ConsentRow[]>;
  saveRequest(row: AccessRequestRow): Promise<void>;
  findRequest(id: string): Promise<AccessRequestRow | null>;
  answerRequest(id: string, status: "GRANTED" | "DECLINED", at: Date, consentId: string | null): Promise<boolean>;
  requestsOfPatient(patientId: string): Promise<AccessRequestRow[]>;
  requestsBy(requester: string): Promise<AccessRequestRow[]>;
  saveBreakGlass(row: BreakGlassRow, intent: ChainIntent): Promise<void>;
  breakGlassLanded(id: string, txHash: string | null, error: string | null): Promise<void>;
  breakGlassOf(patientId: string): Promise<BreakGlassRow[]>;
  /** One doctor's break-glass grants on the patient. */
  breakGlassBy(patientId: string, doctor: string): Promise<BreakGlassRow[]>;
  /** The patients `doctor` has a relationship with at `at`, by patient id after `afterPatientId`, at most `limit`. */
  careRelationships(doctor: string, afterPatientId: string | null, limit: number, at: Date): Promise<CareRelationship[]>;
}

export interface ConsentScopeInput {
  resourceTypes: string[];
  recordIds: string[];
}

export interface ConsentInput extends ConsentScopeInput {
  grantee: string;
  purpose: Purpose;
  expiresAt: Date;
  requestId: string | null;
}

export type ConsentState = "ACTIVE" | "EXPIRED" | "REVOKED";

export interface EmergencyAccessView {
  id: string;
  doctor: string;
  reason: string;
  at: Date;
  expiresAt: Date;
  active: boolean;
  txHash: string | null;
  chainStatus: ChainWriteStatus;
}

const MAX_CONSENT_DAYS = 366;
/**
 * How long a signed revocation may wait to be relayed. Generous on purpose: the revocation is in
 * force in the API at once, and its chain record must survive a long RPC outage. Replaying a
 * revocation can only revoke, so a long deadline gives an attacker nothing.
 */
const REVOCATION_DEADLINE_SECONDS = 7 * 86_400;

/** Chain intents of this service (chain_outbox.kind). */
export const CONSENT_INTENTS = { grant: "consent.grant", revoke: "consent.revoke", breakGlass: "breakGlass" } as const;
const RESOURCE_TYPE = /^[A-Z][A-Za-z]{2,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Commitment to a consent scope: sha256 of its canonical JSON with a secret salt, as bytes32
 * hex. Unsalted, a small dictionary of resource-type sets would recover the scope from the
 * chain; the salt (from the patient's data key and the consent's nonce) is known to the
 * custodian only, which can show it to the patient or an auditor.
 */
export function scopeHash(scope: ConsentScopeInput, salt: string): string {
  const canonical = {
    resourceTypes: [...new Set(scope.resourceTypes)].sort(),
    recordIds: [...new Set(scope.recordIds)].sort(),
    salt,
  };
  return `0x${sha256Hex(canonicalJson(canonical))}`;
}

/** A secret, per-purpose value from the patient's data key: salts and references that only the custodian can link. */
function patientSecret(key: Buffer, purpose: string): string {
  return createHmac("sha256", key).update(purpose).digest("hex");
}

/** An ActReason code as a Solidity bytes32 (ASCII, right-padded with zeros). */
export function purposeBytes32(purpose: Purpose): string {
  return `0x${Buffer.from(purpose, "ascii").toString("hex").padEnd(64, "0")}`;
}

export function consentState(consent: ConsentRow, at: Date): ConsentState {
  if (consent.revokedAt) return "REVOKED";
  return consent.expiresAt > at ? "ACTIVE" : "EXPIRED";
}

export class ConsentService {
  constructor(
    private readonly store: ConsentStore,
    private readonly records: RecordStore,
    private readonly chain: ConsentChain,
    private readonly keys: KeyRing,
    private readonly accessLog: AccessLog,
    private readonly settings: { breakGlassSeconds: number },
    private readonly outbox: ChainOutbox,
    private readonly clock: () => Date = () => new Date(),
  ) {
    outbox.register(CONSENT_INTENTS.grant, this.grantHandler());
    outbox.register(CONSENT_INTENTS.revoke, this.revokeHandler());
    outbox.register(CONSENT_INTENTS.breakGlass, this.breakGlassHandler());
  }

  private grantHandler(): IntentHandler {
    type Grant = { consentId: string; message: ConsentMessage; signature: string };
    return {
      landed: (p) => this.chain.consentGrantTx((p as Grant).consentId),
      send: async (p) => (await this.chain.relayConsent((p as Grant).message, (p as Grant).signature)).txHash,
      confirmed: (p, txHash) => this.store.consentLanded((p as Grant).consentId, "grant", txHash),
      // A consent the chain refused was never in force on chain: it stops counting here too.
      failed: (p, reason) => this.store.consentChainFailed((p as Grant).consentId, `the chain refused the consent: ${reason}`),
    };
  }

  private revokeHandler(): IntentHandler {
    type Revoke = { consentId: string; deadline: number; signature: string };
    return {
      landed: (p) => this.chain.consentRevocationTx((p as Revoke).consentId),
      send: (p) => this.chain.relayRevocation((p as Revoke).consentId, (p as Revoke).deadline, (p as Revoke).signature),
      confirmed: (p, txHash) => this.store.consentLanded((p as Revoke).consentId, "revoke", txHash),
      // The revocation stays in force here; the patient signs it again to put it on chain.
      failed: (p, reason) =>
        this.store.consentChainFailed((p as Revoke).consentId, `the chain refused the revocation (${reason}): sign it again`),
    };
  }

  private breakGlassHandler(): IntentHandler {
    type Glass = { id: string; patientRef: string; doctor: string; reasonHash: string; expiresAt: number };
    return {
      landed: (p) => {
        const g = p as Glass;
        return this.chain.emergencyAccessTx(g.patientRef, g.doctor, g.reasonHash, g.expiresAt);
      },
      send: (p) => {
        const g = p as Glass;
        return this.chain.recordEmergencyAccess(g.patientRef, g.doctor, g.reasonHash, g.expiresAt);
      },
      confirmed: (p, txHash) => this.store.breakGlassLanded((p as Glass).id, txHash, null),
      failed: (p, reason) => this.store.breakGlassLanded((p as Glass).id, null, reason),
    };
  }

  /**
   * What the access policy needs to decide for `actor` on a patient: the consents granted to
   * them, their break-glass grants, and whether they authored any of the patient's records. Only
   * the actor's own facts are read (the policy looks at no one else's), so the cost does not grow
   * with the patient's chart or with the other doctors' consents.
   */
  async facts(patientId: string, actor: string): Promise<AccessFacts> {
    const [consents, glass, authored] = await Promise.all([
      // A grant the chain refused never took effect; a revocation is in force as soon as it is committed.
      this.store.consentsTo(patientId, actor).then((all) => all.filter((c) => !(c.chainStatus === "FAILED" && c.revokedAt === null))),
      this.store.breakGlassBy(patientId, actor),
      this.records.hasAuthored(patientId, actor),
    ]);
    const breakGlass: BreakGlassGrant[] = glass.map((g) => ({ patientId: g.patientId, doctor: g.doctor, expiresAt: g.expiresAt }));
    return { consents, breakGlass, authors: authored ? [actor] : [] };
  }

  private async ownPatient(actor: Actor | null): Promise<PatientRow> {
    if (!actor) throw unauthenticated();
    const patient = hasRole(actor, "patient") ? await this.records.findPatientByAccount(actor.address) : null;
    if (!patient) throw forbidden("only a patient with records manages consents");
    return patient;
  }

  private async validScope(patientId: string, scope: ConsentScopeInput): Promise<ConsentScopeInput> {
    const resourceTypes = [...new Set(scope.resourceTypes)];
    const recordIds = [...new Set(scope.recordIds)];
    if (resourceTypes.length === 0 && recordIds.length === 0) throw badInput("a consent needs at least one resource type or record id");
    const badType = resourceTypes.find((type) => !RESOURCE_TYPE.test(type));
    if (badType) throw badInput(`"${badType}" is not a FHIR resource type`);
    if (recordIds.some((id) => !UUID.test(id))) throw badInput("recordIds must be record ids");
    if (recordIds.length) {
      const found = await this.records.findRecords(recordIds);
      if (found.length !== recordIds.length || found.some((r) => r.patientId !== patientId))
        throw badInput("every recordId must be one of your records");
    }
    return { resourceTypes: resourceTypes.sort(), recordIds: recordIds.sort() };
  }

  private message(patient: PatientRow, address: string, input: ConsentInput, scope: ConsentScopeInput, nonce: string): ConsentMessage {
    const key = this.keys.unwrap(patient.id, patient.wrappedKey);
    return {
      patient: address,
      grantee: this.chain.checksum(input.grantee),
      scopeHash: scopeHash(scope, patientSecret(key, `consent-scope:${nonce}`)),
      purpose: purposeBytes32(input.purpose),
      expiresAt: Math.floor(input.expiresAt.getTime() / 1000),
      nonce,
    };
  }

  private checkExpiry(expiresAt: Date): void {
    const now = this.clock().getTime();
    if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now + 60_000)
      throw badInput("expiresAt must be at least a minute in the future");
    if (expiresAt.getTime() > now + MAX_CONSENT_DAYS * 86_400_000) throw badInput(`a consent lasts at most ${MAX_CONSENT_DAYS} days`);
  }

  /** Step 1: the typed data the patient signs (eth_signTypedData_v4), with a fresh nonce. */
  async prepareConsent(actor: Actor | null, input: ConsentInput): Promise<{ typedData: TypedData; nonce: string }> {
    const patient = await this.ownPatient(actor);
    this.checkExpiry(input.expiresAt);
    const scope = await this.validScope(patient.id, input);
    const nonce = BigInt(`0x${randomBytes(16).toString("hex")}`).toString();
    return { typedData: this.chain.consentTypedData(this.message(patient, actor!.address, input, scope, nonce)), nonce };
  }

  /** Step 2: checks the patient's signature, relays it on chain, mirrors it. */
  async grantConsent(actor: Actor | null, input: ConsentInput, nonce: string, signature: string): Promise<ConsentRow> {
    const patient = await this.ownPatient(actor);
    if (!/^\d{1,78}$/.test(nonce)) throw badInput("nonce must be the decimal nonce from prepareConsent");
    this.checkExpiry(input.expiresAt);
    const scope = await this.validScope(patient.id, input);
    const request = input.requestId ? await this.pendingRequestOf(patient.id, input.requestId) : null;
    const message = this.message(patient, actor!.address, input, scope, nonce);
    if (this.chain.recoverSigner(this.chain.consentTypedData(message), signature) !== actor!.address) {
      throw badInput("the signature is not yours over exactly this consent: sign the typed data from prepareConsent");
    }
    const id = this.chain.consentId(message);
    const now = this.clock();
    const row: ConsentRow = {
      id,
      patientId: patient.id,
      patientAddress: actor!.address,
      grantee: message.grantee,
      resourceTypes: scope.resourceTypes,
      recordIds: scope.recordIds,
      purpose: input.purpose,
      expiresAt: new Date(message.expiresAt * 1000),
      revokedAt: null,
      nonce,
      scopeHash: message.scopeHash,
      requestId: request?.id ?? null,
      grantedAt: now,
      grantTx: null,
      revokeTx: null,
      chainStatus: "PENDING",
      chainError: null,
    };
    const intent = newIntent(CONSENT_INTENTS.grant, `consent:${id}`, { consentId: id, message, signature });
    await this.store.grant(row, intent, request?.id ?? null, now);
    await this.log(actor!, patient.id, "consent.grant", input.purpose, "ALLOW", `consent ${id} to ${message.grantee}`);
    await this.outbox.settle(intent.id);
    return (await this.store.findConsent(id)) ?? row;
  }

  private async ownConsent(actor: Actor | null, consentId: string): Promise<{ patient: PatientRow; consent: ConsentRow }> {
    const patient = await this.ownPatient(actor);
    const consent = /^0x[0-9a-f]{64}$/i.test(consentId) ? await this.store.findConsent(consentId.toLowerCase()) : null;
    if (!consent || consent.patientId !== patient.id) throw notFound("Consent");
    return { patient, consent };
  }

  async prepareRevocation(actor: Actor | null, consentId: string): Promise<{ typedData: TypedData; deadline: number }> {
    const { consent } = await this.ownConsent(actor, consentId);
    const deadline = Math.floor(this.clock().getTime() / 1000) + REVOCATION_DEADLINE_SECONDS;
    return { typedData: this.chain.revocationTypedData(consent.id, deadline), deadline };
  }

  async revokeConsent(actor: Actor | null, consentId: string, deadline: number, signature: string): Promise<ConsentRow> {
    const { patient, consent } = await this.ownConsent(actor, consentId);
    // Revoked already (and on its way to the chain, or there): nothing to do. A revocation the chain refused may be signed again.
    if (consent.revokedAt && consent.chainStatus !== "FAILED") return consent;
    if (!Number.isSafeInteger(deadline) || deadline * 1000 < this.clock().getTime())
      throw badInput("deadline has passed: prepare the revocation again");
    if (this.chain.recoverSigner(this.chain.revocationTypedData(consent.id, deadline), signature) !== actor!.address) {
      throw badInput("the signature is not yours over this revocation: sign the typed data from prepareRevocation");
    }
    const now = this.clock();
    const intent = newIntent(CONSENT_INTENTS.revoke, `revoke:${consent.id}:${deadline}`, { consentId: consent.id, deadline, signature });
    if (!(await this.store.revoke(consent.id, now, intent))) return (await this.store.findConsent(consent.id)) ?? consent;
    await this.log(actor!, patient.id, "consent.revoke", consent.purpose, "ALLOW", `consent ${consent.id} revoked`);
    await this.outbox.settle(intent.id);
    return (await this.store.findConsent(consent.id)) ?? { ...consent, revokedAt: now };
  }

  /** The patient sees all their consents; a doctor or an insurer sees the ones granted to them. */
  async consents(actor: Actor | null, patientId: string): Promise<ConsentRow[]> {
    if (!actor) throw unauthenticated();
    if (!UUID.test(patientId)) throw notFound("Patient");
    const [patient] = await this.records.findPatients([patientId]);
    if (!patient) throw notFound("Patient");
    const all = await this.store.consentsOf(patientId);
    if (patient.accountAddress === actor.address) return all;
    if (hasRole(actor, "doctor") || hasRole(actor, "insurer")) return all.filter((c) => c.grantee === actor.address);
    throw notFound("Patient");
  }

  async requestAccess(
    actor: Actor | null,
    patientId: string,
    scope: ConsentScopeInput,
    purpose: Purpose,
    reason: string,
  ): Promise<AccessRequestRow> {
    if (!actor) throw unauthenticated();
    if (!(purpose in PURPOSES)) throw badInput("unknown purpose of use");
    if (!hasRole(actor, "doctor") && !(hasRole(actor, "insurer") && purpose === "HPAYMT")) {
      throw forbidden(
        hasRole(actor, "insurer")
          ? "insurers request access for healthcare payment (HPAYMT) only"
          : "only doctors and insurers request access",
      );
    }
    if (reason.trim().length < 5) throw badInput("say why you need access (at least 5 characters)");
    const [patient] = UUID.test(patientId) ? await this.records.findPatients([patientId]) : [];
    if (!patient) throw notFound("Patient");
    const valid = await this.validScope(patient.id, scope);
    const row: AccessRequestRow = {
      id: randomUUID(),
      patientId: patient.id,
      requester: actor.address,
      resourceTypes: valid.resourceTypes,
      recordIds: valid.recordIds,
      purpose,
      reason: reason.trim(),
      status: "PENDING",
      createdAt: this.clock(),
      answeredAt: null,
      consentId: null,
    };
    await this.store.saveRequest(row);
    await this.log(actor, patient.id, "access.request", purpose, "ALLOW", `request ${row.id}`);
    return row;
  }

  /** Patients: requests for their records. Doctors: their own requests. */
  async accessRequests(actor: Actor | null): Promise<AccessRequestRow[]> {
    if (!actor) throw unauthenticated();
    const patient = hasRole(actor, "patient") ? await this.records.findPatientByAccount(actor.address) : null;
    if (patient) return this.store.requestsOfPatient(patient.id);
    return this.store.requestsBy(actor.address);
  }

  private async pendingRequestOf(patientId: string, requestId: string): Promise<AccessRequestRow> {
    const request = UUID.test(requestId) ? await this.store.findRequest(requestId) : null;
    if (!request || request.patientId !== patientId) throw notFound("Access request");
    if (request.status !== "PENDING") throw badInput(`the request was already ${request.status.toLowerCase()}`);
    return request;
  }

  async declineAccessRequest(actor: Actor | null, requestId: string): Promise<AccessRequestRow> {
    const patient = await this.ownPatient(actor);
    const request = await this.pendingRequestOf(patient.id, requestId);
    const now = this.clock();
    if (!(await this.store.answerRequest(request.id, "DECLINED", now, null))) throw conflict("the request was answered meanwhile");
    await this.log(actor!, patient.id, "access.decline", request.purpose, "ALLOW", `request ${request.id} declined`);
    return { ...request, status: "DECLINED", answeredAt: now };
  }

  /**
   * Emergency access: a doctor states a reason and gets ETREAT access to the patient's
   * emergency profile for a limited time. Recorded on chain (hashes only), in the access log,
   * and shown to the patient.
   */
  async breakGlass(actor: Actor | null, patientId: string, reason: string): Promise<EmergencyAccessView> {
    if (!actor) throw unauthenticated();
    const [patient] = UUID.test(patientId) ? await this.records.findPatients([patientId]) : [];
    if (!hasRole(actor, "doctor")) {
      if (patient) await this.log(actor, patient.id, "breakGlass", "ETREAT", "DENY", "only doctors may break the glass");
      throw forbidden("only doctors may break the glass");
    }
    if (!patient) throw notFound("Patient");
    const text = reason.trim();
    if (text.length < 10 || text.length > 500) throw badInput("break-glass needs a reason of 10 to 500 characters");
    const id = randomUUID();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.settings.breakGlassSeconds * 1000);
    const key = this.keys.unwrap(patient.id, patient.wrappedKey);
    // Fresh per entry: two emergencies of one patient are unlinkable on chain, and the reason's hash is salted.
    const patientRef = `0x${patientSecret(key, `break-glass-patient:${id}`)}`;
    const reasonHash = `0x${sha256Hex(`${patientSecret(key, `break-glass-reason:${id}`)}:${text}`)}`;
    const chainExpiry = Math.floor(expiresAt.getTime() / 1000);
    const intent = newIntent(CONSENT_INTENTS.breakGlass, `breakGlass:${id}`, {
      id,
      patientRef,
      doctor: actor.address,
      reasonHash,
      expiresAt: chainExpiry,
    });
    await this.store.saveBreakGlass(
      {
        id,
        patientId: patient.id,
        doctor: actor.address,
        sealedReason: seal(key, Buffer.from(text, "utf8"), `breakglass:${id}`),
        reasonHash,
        createdAt: now,
        expiresAt,
        txHash: null,
        chainStatus: "PENDING",
        chainError: null,
      },
      intent,
    );
    await this.log(actor, patient.id, "breakGlass", "ETREAT", "ALLOW", `break-glass until ${expiresAt.toISOString()}`);
    // Emergency access never waits for the chain: the record of it follows.
    const settled = await this.outbox.settle(intent.id, 3000);
    const txHash = settled?.status === "CONFIRMED" ? settled.txHash : null;
    return { id, doctor: actor.address, reason: text, at: now, expiresAt, active: true, txHash, chainStatus: settled?.status ?? "PENDING" };
  }

  /** The patient's emergency accesses, newest first, with the doctors' reasons. */
  async emergencyAccesses(actor: Actor | null): Promise<EmergencyAccessView[]> {
    const patient = await this.ownPatient(actor);
    const key = this.keys.unwrap(patient.id, patient.wrappedKey);
    const now = this.clock();
    return (await this.store.breakGlassOf(patient.id))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((g) => ({
        id: g.id,
        doctor: g.doctor,
        reason: open(key, g.sealedReason, `breakglass:${g.id}`).toString("utf8"),
        at: g.createdAt,
        expiresAt: g.expiresAt,
        active: g.expiresAt > now,
        txHash: g.txHash,
        chainStatus: g.chainStatus,
      }));
  }

  private async log(
    actor: Actor,
    patientId: string,
    action: string,
    purpose: string,
    decision: "ALLOW" | "DENY",
    reason: string,
  ): Promise<void> {
    await this.accessLog.record({ actor: actor.address, patientId, recordId: null, action, purpose, decision, reason });
  }
}
