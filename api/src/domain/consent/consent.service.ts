/**
 * Consent, access requests and break-glass.
 *
 * A patient signs an EIP-712 Consent (grantee, scope hash, purpose, expiry, nonce) with their
 * own key; the API checks the signature, relays it to ConsentRegistry (the patient needs no
 * ETH) and mirrors it. The scope itself (resource types, record ids) stays off chain; the chain
 * holds its hash. Revocation works the same way. Every read checks the mirrored consents
 * through the access policy.
 */
import { randomBytes, randomUUID } from "node:crypto";

import type { KeyRing } from "../../crypto/key-ring";
import { open, seal } from "../../crypto/key-ring";
import type { AccessLog } from "../access/access-log";
import type { AccessFacts, ActiveConsent, BreakGlassGrant } from "../access/access-policy";
import { hasRole, PURPOSES, type Actor, type Purpose } from "../actors";
import { badInput, forbidden, notFound, unauthenticated } from "../errors";
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
  relayConsent(message: ConsentMessage, signature: string): Promise<{ id: string; txHash: string }>;
  relayRevocation(consentId: string, deadline: number, signature: string): Promise<string>;
  recordEmergencyAccess(patientRef: string, doctor: string, reasonHash: string, expiresAt: number): Promise<string>;
  checksum(address: string): string;
}

export interface ConsentRow extends ActiveConsent {
  patientAddress: string;
  nonce: string;
  scopeHash: string;
  requestId: string | null;
  grantedAt: Date;
  grantTx: string;
  revokeTx: string | null;
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
  txHash: string;
}

export interface ConsentStore {
  saveConsent(row: ConsentRow): Promise<void>;
  findConsent(id: string): Promise<ConsentRow | null>;
  markRevoked(id: string, at: Date, txHash: string): Promise<void>;
  consentsOf(patientId: string): Promise<ConsentRow[]>;
  saveRequest(row: AccessRequestRow): Promise<void>;
  findRequest(id: string): Promise<AccessRequestRow | null>;
  answerRequest(id: string, status: "GRANTED" | "DECLINED", at: Date, consentId: string | null): Promise<boolean>;
  requestsOfPatient(patientId: string): Promise<AccessRequestRow[]>;
  requestsBy(requester: string): Promise<AccessRequestRow[]>;
  saveBreakGlass(row: BreakGlassRow): Promise<void>;
  breakGlassOf(patientId: string): Promise<BreakGlassRow[]>;
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
  txHash: string;
}

const MAX_CONSENT_DAYS = 366;
const RESOURCE_TYPE = /^[A-Z][A-Za-z]{2,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Commitment to a consent scope: sha256 of its canonical JSON, as bytes32 hex. */
export function scopeHash(scope: ConsentScopeInput): string {
  const canonical = { resourceTypes: [...new Set(scope.resourceTypes)].sort(), recordIds: [...new Set(scope.recordIds)].sort() };
  return `0x${sha256Hex(canonicalJson(canonical))}`;
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
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** What the access policy needs about a patient: active consents, break-glass grants, authors. */
  async facts(patientId: string): Promise<AccessFacts> {
    const [consents, glass, authors] = await Promise.all([
      this.store.consentsOf(patientId),
      this.store.breakGlassOf(patientId),
      this.records.authorsOf(patientId),
    ]);
    const breakGlass: BreakGlassGrant[] = glass.map((g) => ({ patientId: g.patientId, doctor: g.doctor, expiresAt: g.expiresAt }));
    return { consents, breakGlass, authors };
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

  private message(patient: string, input: ConsentInput, scope: ConsentScopeInput, nonce: string): ConsentMessage {
    return {
      patient,
      grantee: this.chain.checksum(input.grantee),
      scopeHash: scopeHash(scope),
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
    return { typedData: this.chain.consentTypedData(this.message(actor!.address, input, scope, nonce)), nonce };
  }

  /** Step 2: checks the patient's signature, relays it on chain, mirrors it. */
  async grantConsent(actor: Actor | null, input: ConsentInput, nonce: string, signature: string): Promise<ConsentRow> {
    const patient = await this.ownPatient(actor);
    if (!/^\d{1,78}$/.test(nonce)) throw badInput("nonce must be the decimal nonce from prepareConsent");
    this.checkExpiry(input.expiresAt);
    const scope = await this.validScope(patient.id, input);
    const request = input.requestId ? await this.pendingRequestOf(patient.id, input.requestId) : null;
    const message = this.message(actor!.address, input, scope, nonce);
    if (this.chain.recoverSigner(this.chain.consentTypedData(message), signature) !== actor!.address) {
      throw badInput("the signature is not yours over exactly this consent: sign the typed data from prepareConsent");
    }
    const { id, txHash } = await this.chain.relayConsent(message, signature);
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
      grantTx: txHash,
      revokeTx: null,
    };
    await this.store.saveConsent(row);
    if (request) await this.store.answerRequest(request.id, "GRANTED", now, id);
    await this.log(actor!, patient.id, "consent.grant", input.purpose, "ALLOW", `consent ${id} to ${message.grantee}`);
    return row;
  }

  private async ownConsent(actor: Actor | null, consentId: string): Promise<{ patient: PatientRow; consent: ConsentRow }> {
    const patient = await this.ownPatient(actor);
    const consent = /^0x[0-9a-f]{64}$/i.test(consentId) ? await this.store.findConsent(consentId.toLowerCase()) : null;
    if (!consent || consent.patientId !== patient.id) throw notFound("Consent");
    return { patient, consent };
  }

  async prepareRevocation(actor: Actor | null, consentId: string): Promise<{ typedData: TypedData; deadline: number }> {
    const { consent } = await this.ownConsent(actor, consentId);
    const deadline = Math.floor(this.clock().getTime() / 1000) + 3600;
    return { typedData: this.chain.revocationTypedData(consent.id, deadline), deadline };
  }

  async revokeConsent(actor: Actor | null, consentId: string, deadline: number, signature: string): Promise<ConsentRow> {
    const { patient, consent } = await this.ownConsent(actor, consentId);
    if (consent.revokedAt) return consent;
    if (!Number.isSafeInteger(deadline) || deadline * 1000 < this.clock().getTime())
      throw badInput("deadline has passed: prepare the revocation again");
    if (this.chain.recoverSigner(this.chain.revocationTypedData(consent.id, deadline), signature) !== actor!.address) {
      throw badInput("the signature is not yours over this revocation: sign the typed data from prepareRevocation");
    }
    const txHash = await this.chain.relayRevocation(consent.id, deadline, signature);
    const now = this.clock();
    await this.store.markRevoked(consent.id, now, txHash);
    await this.log(actor!, patient.id, "consent.revoke", consent.purpose, "ALLOW", `consent ${consent.id} revoked`);
    return { ...consent, revokedAt: now, revokeTx: txHash };
  }

  /** The patient sees all their consents; a doctor sees the ones granted to them. */
  async consents(actor: Actor | null, patientId: string): Promise<ConsentRow[]> {
    if (!actor) throw unauthenticated();
    if (!UUID.test(patientId)) throw notFound("Patient");
    const [patient] = await this.records.findPatients([patientId]);
    if (!patient) throw notFound("Patient");
    const all = await this.store.consentsOf(patientId);
    if (patient.accountAddress === actor.address) return all;
    if (hasRole(actor, "doctor")) return all.filter((c) => c.grantee === actor.address);
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
    if (!hasRole(actor, "doctor")) throw forbidden("only doctors request access");
    if (!(purpose in PURPOSES)) throw badInput("unknown purpose of use");
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
    await this.store.answerRequest(request.id, "DECLINED", now, null);
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
    const reasonHash = `0x${sha256Hex(text)}`;
    const patientRef = `0x${sha256Hex(`medledger:patient:${patient.id}`)}`;
    const txHash = await this.chain.recordEmergencyAccess(patientRef, actor.address, reasonHash, Math.floor(expiresAt.getTime() / 1000));
    const key = this.keys.unwrap(patient.id, patient.wrappedKey);
    await this.store.saveBreakGlass({
      id,
      patientId: patient.id,
      doctor: actor.address,
      sealedReason: seal(key, Buffer.from(text, "utf8"), `breakglass:${id}`),
      reasonHash,
      createdAt: now,
      expiresAt,
      txHash,
    });
    await this.log(actor, patient.id, "breakGlass", "ETREAT", "ALLOW", `break-glass until ${expiresAt.toISOString()}`);
    return { id, doctor: actor.address, reason: text, at: now, expiresAt, active: true, txHash };
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
