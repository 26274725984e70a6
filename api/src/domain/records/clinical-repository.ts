/**
 * Clinical data access for ONE caller and ONE request (Medplum's per-request repository
 * pattern). Every method asks the access policy, writes the access-log entry (allowed or
 * denied) and only then touches data. A read outside the caller's scope looks exactly like a
 * record that does not exist. Privileged jobs use a separately named system path, not this.
 */
import { randomUUID } from "node:crypto";

import DataLoader from "dataloader";

import type { KeyRing } from "../../crypto/key-ring";
import { open, seal } from "../../crypto/key-ring";
import type { AccessLog } from "../access/access-log";
import type { AnchorService } from "../anchoring/anchor.service";
import {
  covers,
  decide,
  type AccessFacts,
  type AccessRequest,
  type ClinicalAction,
  type Decision,
  type PatientRef,
  type Scope,
} from "../access/access-policy";
import { hasRole, type Actor, type Purpose, type Role } from "../actors";
import { ROLE_PATIENT } from "../auth/role-admin.service";
import type { CareRelationship } from "../consent/consent.service";
import { badInput, conflict, forbidden, notFound, unauthenticated } from "../errors";
import { newIntent, type ChainIntent, type ChainOutbox } from "../outbox/chain-outbox";
import { canonicalJson, contentHash, GENESIS_HASH, versionHash } from "../ledger-hash";
import { DEFAULT_MAX_RESOURCE_BYTES, typedFields, validateFhir, type FhirResource, type TypedFields } from "./fhir";
import { researchEntry } from "../research/research-index";
import { recordAad, type PatientRow, type RecordDraft, type RecordRow, type RecordStore, type VersionRow } from "./record-store";

export interface RecordDeps {
  store: RecordStore;
  keys: KeyRing;
  accessLog: AccessLog;
  /** What the access policy needs about the patient to decide for `actor` (consents, break-glass, authorship). */
  facts(patientId: string, actor: string): Promise<AccessFacts>;
  /** The patients a doctor has a relationship with now, by patient id (ConsentStore.careRelationships). */
  careRelationships(doctor: string, afterPatientId: string | null, limit: number, at: Date): Promise<CareRelationship[]>;
  clock: () => Date;
  /** EIP-55 form of an account address; throws BAD_USER_INPUT for a malformed one. */
  checksum(address: string): string;
  anchors: AnchorService;
  /** Largest FHIR resource accepted (MAX_RESOURCE_BYTES); the default when unset. */
  maxResourceBytes?: number;
  /** An account's roles (the chain's, or the mirror's while the chain is away; none for an unknown account). */
  accountRoles(address: string): Promise<Role[]>;
  /** Relays the patient-role grant of a newly linked account (committed with the patient). */
  outbox: ChainOutbox;
}

export interface RecordView {
  id: string;
  patientId: string;
  resourceType: string;
  fhirId: string;
  version: number;
  lifecycle: "active" | "retracted";
  author: string;
  createdAt: Date;
  updatedAt: Date;
  fields: TypedFields;
  /** null for a retracted record (its tombstone keeps only the reason). */
  resource: FhirResource | null;
}

export interface VersionView {
  version: number;
  lifecycle: "active" | "retracted";
  author: string;
  reason: string | null;
  createdAt: Date;
  contentHash: string;
  previousHash: string;
  versionHash: string;
  resource: FhirResource | null;
}

export interface RecordFilter {
  resourceTypes?: string[] | null;
  codeSystem?: string | null;
  code?: string | null;
  clinicalStatus?: string | null;
  effectiveFrom?: Date | null;
  effectiveTo?: Date | null;
  valueMin?: number | null;
  valueMax?: number | null;
  includeRetracted?: boolean | null;
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

export interface VersionCheck {
  version: number;
  ok: boolean;
  problem: string | null;
  /** The anchoring transaction, once the version's batch root is on chain. */
  anchorTx: string | null;
}

export interface IntegrityReport {
  recordId: string;
  ok: boolean;
  firstBadVersion: number | null;
  versions: VersionCheck[];
}

export interface ImportResult {
  patientId: string;
  created: number;
  byType: { resourceType: string; count: number }[];
}

/** One patient in a doctor's list: why they may see them, and who it is when they may read the Patient record. */
export interface CarePatient extends CareRelationship {
  name: string | null;
  birthDate: string | null;
  gender: string | null;
}

const TOMBSTONE = { tombstone: true };
const MAX_PAGE = 500;
const MAX_PATIENT_PAGE = 100;
const aad = recordAad;

export class ClinicalRepository {
  private readonly patients: DataLoader<string, PatientRow | null>;
  private readonly dataKeys: DataLoader<string, Buffer>;
  private readonly records: DataLoader<string, RecordRow | null>;

  private get maxBytes(): number {
    return this.deps.maxResourceBytes ?? DEFAULT_MAX_RESOURCE_BYTES;
  }

  /**
   * @param authError why the request's bearer token was refused, if it was: the attempt is still
   * decided and logged (the patient sees reads tried with forged or expired tokens), then this is thrown.
   */
  constructor(
    private readonly deps: RecordDeps,
    readonly actor: Actor | null,
    private readonly authError: Error | null = null,
  ) {
    this.patients = new DataLoader(async (ids) => {
      const rows = await deps.store.findPatients(ids);
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    });
    this.records = new DataLoader(async (ids) => {
      const rows = await deps.store.findRecords(ids);
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    });
    this.dataKeys = new DataLoader(async (ids) => {
      const rows = await this.patients.loadMany(ids);
      return rows.map((row, i) =>
        row && !(row instanceof Error) ? deps.keys.unwrap(ids[i], row.wrappedKey) : new Error(`patient ${ids[i]} not found`),
      );
    });
  }

  // ---- decisions -----------------------------------------------------------------------

  private async authorize(
    action: ClinicalAction,
    patient: PatientRef,
    purpose: Purpose | null,
    record?: Pick<RecordRow, "id" | "resourceType" | "author">,
  ): Promise<Decision> {
    const request: AccessRequest = {
      action,
      patient,
      record: record ? { id: record.id, resourceType: record.resourceType, author: record.author } : undefined,
      purpose,
      at: this.deps.clock(),
    };
    const facts = this.actor ? await this.deps.facts(patient.id, this.actor.address) : { consents: [], breakGlass: [], authors: [] };
    const decision = decide(this.actor, request, facts);
    await this.deps.accessLog.record({
      actor: this.actor?.address ?? null,
      patientId: patient.id,
      recordId: record?.id || null,
      action,
      purpose,
      decision: decision.allow ? "ALLOW" : "DENY",
      reason: this.authError ? "invalid or expired session token" : decision.reason,
    });
    if (!this.actor) throw this.unauthenticated();
    return decision;
  }

  private unauthenticated(): Error {
    return this.authError ?? unauthenticated();
  }

  private requireActor(): Actor {
    if (!this.actor) throw this.unauthenticated();
    return this.actor;
  }

  private async patientRef(patientId: string): Promise<PatientRow> {
    if (!isUuid(patientId)) throw this.actor ? notFound("Patient") : this.unauthenticated();
    const patient = await this.patients.load(patientId);
    if (!patient) throw this.actor ? notFound("Patient") : this.unauthenticated();
    return patient;
  }

  /** The record and its patient, or NOT_FOUND without writing anything (nothing to audit against). */
  private async recordRef(recordId: string): Promise<{ record: RecordRow; patient: PatientRow }> {
    const record = isUuid(recordId) ? await this.records.load(recordId) : null;
    const patient = record ? await this.patients.load(record.patientId) : null;
    if (!record || !patient) throw this.actor ? notFound("Record") : this.unauthenticated();
    return { record, patient };
  }

  // ---- writes --------------------------------------------------------------------------

  async createPatient(resource: unknown, rawAccount: string | null): Promise<RecordView> {
    this.requireActor();
    const accountAddress = rawAccount ? this.deps.checksum(rawAccount) : null;
    const patientResource = validateFhir(resource, "resource", this.maxBytes);
    if (patientResource.resourceType !== "Patient") throw badInput("resource must be a FHIR Patient");
    const { drafts, key } = await this.registerPatient(
      "patient.register",
      [{ ...patientResource, id: patientResource.id ?? randomUUID() }],
      accountAddress,
    );
    return this.view(drafts[0].record, drafts[0].version, key);
  }

  /** A new patient (with a fresh data key) and their first records, all in one transaction. */
  private async registerPatient(
    action: "patient.register" | "bundle.import",
    resources: FhirResource[],
    accountAddress: string | null,
  ): Promise<{ patient: PatientRow; drafts: RecordDraft[]; key: Buffer }> {
    const actor = this.requireActor();
    const patientResource = resources.find((r) => r.resourceType === "Patient")!;
    const patientId = randomUUID();
    const decision = await this.authorize(action, { id: patientId, accountAddress }, "TREAT");
    if (!decision.allow) throw forbidden(decision.reason);
    await this.assertNewPatient(patientResource.id ?? null, accountAddress);
    const roleIntent = accountAddress ? await this.patientRoleIntent(accountAddress, patientId) : undefined;
    const now = this.deps.clock();
    const { key, wrapped } = this.deps.keys.newDataKey(patientId);
    const patient: PatientRow = {
      id: patientId,
      accountAddress,
      fhirId: patientResource.id ?? null,
      wrappedKey: wrapped,
      createdBy: actor.address,
      createdAt: now,
    };
    const drafts = resources.map((r) => this.draft(patientId, key, r, actor.address, now));
    await this.deps.store.insert(patient, drafts, roleIntent);
    this.patients.prime(patientId, patient);
    // With a healthy chain the patient can sign in with their role at once; otherwise it follows.
    if (roleIntent) await this.deps.outbox.settle(roleIntent.id);
    return { patient, drafts, key };
  }

  /**
   * A patient's account is their own wallet: one that holds a staff role (doctor, admin,
   * researcher, ethics board, issuer) is refused. An account without the patient role gets it
   * on chain, through the outbox, in the same transaction as the patient.
   */
  private async patientRoleIntent(accountAddress: string, patientId: string): Promise<ChainIntent | undefined> {
    const roles = await this.deps.accountRoles(accountAddress);
    const staff = roles.filter((role) => role !== "patient");
    if (staff.length) {
      throw badInput(`${accountAddress} holds the ${staff.join(", ")} role: a patient's account must be the patient's own wallet`);
    }
    if (roles.includes("patient")) return undefined;
    return newIntent(ROLE_PATIENT, `role:patient:${accountAddress}:${patientId}`, { address: accountAddress });
  }

  async createRecord(patientId: string, resource: unknown): Promise<RecordView> {
    const actor = this.requireActor();
    const patient = await this.patientRef(patientId);
    // Validate first: a refused input changes nothing, not even the log.
    const valid = validateFhir(resource, "resource", this.maxBytes);
    if (valid.resourceType === "Patient") throw badInput("a patient has one Patient resource: amend it instead");
    const decision = await this.authorize("record.create", patient, "TREAT", {
      id: "", // not stored yet
      resourceType: valid.resourceType,
      author: actor.address,
    });
    if (!decision.allow) throw forbidden(decision.reason);
    const key = await this.dataKeys.load(patientId);
    const draft = this.draft(patientId, key, { ...valid, id: valid.id ?? randomUUID() }, actor.address, this.deps.clock());
    const existing = await this.deps.store.patientRecords(patientId, [valid.resourceType]);
    if (existing.some((r) => r.fhirId === draft.record.fhirId))
      throw conflict(`${valid.resourceType}/${draft.record.fhirId} already exists for this patient: amend it instead`);
    await this.deps.store.insert(null, [draft]);
    return this.view(draft.record, draft.version, key);
  }

  async amendRecord(recordId: string, resource: unknown, reason: string | null): Promise<RecordView> {
    const actor = this.requireActor();
    const { record, patient } = await this.recordRef(recordId);
    const readable = await this.canSee(record, patient);
    const decision = await this.authorize("record.amend", patient, "TREAT", record);
    if (!decision.allow) throw readable ? forbidden(decision.reason) : notFound("Record");
    if (record.lifecycle === "retracted") throw conflict("the record is retracted: create a new record instead");
    const valid = validateFhir(resource, "resource", this.maxBytes);
    if (valid.resourceType !== record.resourceType) throw badInput(`an amendment must stay a ${record.resourceType}`);
    return this.appendVersion(record, { ...valid, id: record.fhirId }, "active", actor.address, reason);
  }

  async retractRecord(recordId: string, reason: string): Promise<RecordView> {
    const actor = this.requireActor();
    if (!reason.trim()) throw badInput("a retraction needs a reason");
    const { record, patient } = await this.recordRef(recordId);
    const readable = await this.canSee(record, patient);
    const decision = await this.authorize("record.retract", patient, "TREAT", record);
    if (!decision.allow) throw readable ? forbidden(decision.reason) : notFound("Record");
    if (record.lifecycle === "retracted") throw conflict("the record is already retracted");
    return this.appendVersion(record, null, "retracted", actor.address, reason.trim());
  }

  /** Whether the caller could read this record with purpose TREAT (decides NOT_FOUND vs FORBIDDEN). */
  private async canSee(record: RecordRow, patient: PatientRow): Promise<boolean> {
    if (!this.actor) return false;
    const facts = await this.deps.facts(patient.id, this.actor.address);
    const request: AccessRequest = { action: "record.read", patient, record, purpose: "TREAT", at: this.deps.clock() };
    return decide(this.actor, request, facts).allow;
  }

  private async appendVersion(
    record: RecordRow,
    resource: FhirResource | null,
    lifecycle: "active" | "retracted",
    author: string,
    reason: string | null,
  ): Promise<RecordView> {
    const key = await this.dataKeys.load(record.patientId);
    const [previous] = await this.deps.store.currentVersions([record]);
    const now = this.deps.clock();
    const version = record.currentVersion + 1;
    const version_ = this.versionRow(record.id, version, key, resource, lifecycle, author, reason, now, previous.versionHash);
    const updated: RecordRow = {
      ...record,
      currentVersion: version,
      lifecycle,
      updatedAt: now,
      ...queryFields(this.deps.keys, resource, record),
      fieldsVersion: version,
    };
    const research = researchEntry(this.deps.keys, record.patientId, record.id, record.resourceType, resource);
    if (!(await this.deps.store.appendVersion(updated, record.currentVersion, version_, research))) {
      throw conflict("the record changed meanwhile: read it again and retry");
    }
    this.records.clear(record.id).prime(record.id, updated);
    return this.view(updated, version_, key);
  }

  private versionRow(
    recordId: string,
    version: number,
    key: Buffer,
    resource: FhirResource | null,
    lifecycle: "active" | "retracted",
    author: string,
    reason: string | null,
    createdAt: Date,
    previousHash: string,
  ): VersionRow {
    const content = resource ?? TOMBSTONE;
    const hash = contentHash(content);
    return {
      recordId,
      version,
      lifecycle,
      author,
      reason,
      createdAt,
      sealed: seal(key, Buffer.from(canonicalJson(content), "utf8"), aad(recordId, version)),
      contentHash: hash,
      previousHash,
      versionHash: versionHash({ recordId, version, lifecycle, author, createdAt, reason, contentHash: hash, previousHash }),
    };
  }

  private draft(patientId: string, key: Buffer, resource: FhirResource, author: string, now: Date): RecordDraft {
    const id = randomUUID();
    const record: RecordRow = {
      id,
      patientId,
      resourceType: resource.resourceType,
      fhirId: resource.id ?? id,
      author,
      currentVersion: 1,
      lifecycle: "active",
      createdAt: now,
      updatedAt: now,
      ...queryFields(this.deps.keys, resource, { effectiveAt: null }),
      fieldsVersion: 1,
    };
    return {
      record,
      version: this.versionRow(id, 1, key, resource, "active", author, null, now, GENESIS_HASH),
      research: researchEntry(this.deps.keys, patientId, id, resource.resourceType, resource),
    };
  }

  private async assertNewPatient(fhirId: string | null, accountAddress: string | null): Promise<void> {
    if (fhirId && (await this.deps.store.findPatientByFhirId(fhirId))) throw conflict(`Patient/${fhirId} is already registered`);
    if (accountAddress && (await this.deps.store.findPatientByAccount(accountAddress)))
      throw conflict(`account ${accountAddress} already belongs to a patient`);
  }

  // ---- reads ---------------------------------------------------------------------------

  private decrypt(version: VersionRow, key: Buffer): FhirResource | null {
    if (version.lifecycle === "retracted") return null;
    return JSON.parse(open(key, version.sealed, aad(version.recordId, version.version)).toString("utf8")) as FhirResource;
  }

  private view(record: RecordRow, version: VersionRow, key: Buffer): RecordView {
    const resource = this.decrypt(version, key);
    return {
      id: record.id,
      patientId: record.patientId,
      resourceType: record.resourceType,
      fhirId: record.fhirId,
      version: version.version,
      lifecycle: version.lifecycle,
      author: record.author,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      fields: resource ? typedFields(resource) : typedFields({ resourceType: record.resourceType }),
      resource,
    };
  }

  async getRecord(recordId: string, purpose: Purpose | null): Promise<RecordView> {
    const { record, patient } = await this.recordRef(recordId);
    const decision = await this.authorize("record.read", patient, purpose, record);
    if (!decision.allow) throw notFound("Record");
    const [current] = await this.deps.store.currentVersions([record]);
    return this.view(record, current, await this.dataKeys.load(patient.id));
  }

  async history(recordId: string, purpose: Purpose | null): Promise<VersionView[]> {
    const { record, patient } = await this.recordRef(recordId);
    const decision = await this.authorize("record.history", patient, purpose, record);
    if (!decision.allow) throw notFound("Record");
    const key = await this.dataKeys.load(patient.id);
    return (await this.deps.store.versions(record.id)).map((v) => ({
      version: v.version,
      lifecycle: v.lifecycle,
      author: v.author,
      reason: v.reason,
      createdAt: v.createdAt,
      contentHash: v.contentHash,
      previousHash: v.previousHash,
      versionHash: v.versionHash,
      resource: this.decrypt(v, key),
    }));
  }

  /** The records of a patient the caller may see, filtered, newest first. */
  private async visible(patient: PatientRow, scope: Scope, filter: RecordFilter): Promise<RecordView[]> {
    const rows = (await this.deps.store.patientRecords(patient.id, filter.resourceTypes?.length ? filter.resourceTypes : null)).filter(
      (row) => covers(scope, row) && (filter.includeRetracted || row.lifecycle === "active"),
    );
    const key = await this.dataKeys.load(patient.id);
    const versions = new Map((await this.deps.store.currentVersions(rows)).map((v) => [v.recordId, v]));
    return rows
      .map((row) => this.view(row, versions.get(row.id)!, key))
      .filter((view) => matches(view, filter))
      .sort(
        (a, b) =>
          (b.fields.effectiveAt?.getTime() ?? -Infinity) - (a.fields.effectiveAt?.getTime() ?? -Infinity) || a.id.localeCompare(b.id),
      );
  }

  /**
   * One page of a patient's records: the scope, filters, order and count are answered in SQL
   * from the query fields kept beside each record (decision 0008); only the page is decrypted.
   */
  async listRecords(
    patientId: string,
    filter: RecordFilter,
    purpose: Purpose | null,
    first: number,
    after: string | null,
  ): Promise<Page<RecordView>> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}`);
    if (filter.effectiveFrom && filter.effectiveTo && filter.effectiveFrom > filter.effectiveTo)
      throw badInput("effectiveFrom is after effectiveTo");
    const cursor = after === null ? null : decodeCursor(after);
    const patient = await this.patientRef(patientId);
    const decision = await this.authorize("record.list", patient, purpose);
    if (!decision.allow) return { nodes: [], hasNextPage: false, endCursor: null, totalCount: 0 };
    const { scope } = decision;
    const page = await this.deps.store.pageRecords({
      patientId: patient.id,
      scope: { all: scope.all, authoredBy: scope.authoredBy, resourceTypes: [...scope.resourceTypes], recordIds: [...scope.recordIds] },
      resourceTypes: filter.resourceTypes?.length ? filter.resourceTypes : null,
      codeSystem: filter.codeSystem ?? null,
      codeKey: filter.code ? this.deps.keys.codeKey(filter.code) : null,
      clinicalStatus: filter.clinicalStatus ?? null,
      effectiveFrom: filter.effectiveFrom ?? null,
      effectiveTo: filter.effectiveTo ?? null,
      valueMin: filter.valueMin ?? null,
      valueMax: filter.valueMax ?? null,
      includeRetracted: Boolean(filter.includeRetracted),
      after: cursor,
      first,
    });
    const key = await this.dataKeys.load(patient.id);
    const versions = new Map((await this.deps.store.currentVersions(page.rows)).map((v) => [v.recordId, v]));
    const nodes = page.rows.map((row) => this.view(row, versions.get(row.id)!, key));
    const last = page.rows.at(-1);
    return {
      nodes,
      hasNextPage: page.hasNextPage,
      endCursor: last ? encodeCursor(last) : null,
      totalCount: page.totalCount,
    };
  }

  /**
   * A doctor's patients: those whose records they wrote, who granted them a consent in force, or
   * whose glass they broke, by patient id. Name, birth date and gender come from the patient's
   * Patient record when the doctor may read it (for treatment, or in the emergency they declared);
   * each such read is in the patient's access log. Nothing else of the chart is read.
   */
  async myPatients(first: number, after: string | null): Promise<Omit<Page<CarePatient>, "totalCount">> {
    const actor = this.requireActor();
    if (!hasRole(actor, "doctor")) throw forbidden("only doctors have a patient list");
    if (!Number.isInteger(first) || first < 1 || first > MAX_PATIENT_PAGE)
      throw badInput(`first must be between 1 and ${MAX_PATIENT_PAGE}`);
    const afterId = after === null ? null : decodePatientCursor(after);
    const now = this.deps.clock();
    const relationships = await this.deps.careRelationships(actor.address, afterId, first + 1, now);
    const page = relationships.slice(0, first);
    const patientRecords = await this.deps.store.activeRecordsOfType(
      page.map((r) => r.patientId),
      "Patient",
    );
    const nodes = await Promise.all(
      page.map(async (relationship) => ({
        ...relationship,
        ...(await this.demographics(
          actor,
          relationship,
          patientRecords.filter((r) => r.patientId === relationship.patientId),
          now,
        )),
      })),
    );
    const last = page.at(-1);
    return {
      nodes,
      hasNextPage: relationships.length > first,
      endCursor: last ? Buffer.from(`patient:${last.patientId}`).toString("base64url") : null,
    };
  }

  private async demographics(
    actor: Actor,
    relationship: CareRelationship,
    records: RecordRow[],
    at: Date,
  ): Promise<Pick<CarePatient, "name" | "birthDate" | "gender">> {
    const unknown = { name: null, birthDate: null, gender: null };
    const record = records.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
    const patient = record ? await this.patients.load(relationship.patientId) : null;
    if (!record || !patient) return unknown;
    const facts = await this.deps.facts(patient.id, actor.address);
    const purposes: Purpose[] = relationship.breakGlassUntil ? ["TREAT", "ETREAT"] : ["TREAT"];
    for (const purpose of purposes) {
      const decision = decide(actor, { action: "record.read", patient, record, purpose, at }, facts);
      if (!decision.allow) continue;
      await this.deps.accessLog.record({
        actor: actor.address,
        patientId: patient.id,
        recordId: record.id,
        action: "record.read",
        purpose,
        decision: "ALLOW",
        reason: `${decision.reason}; shown in the doctor's patient list`,
      });
      const [version] = await this.deps.store.currentVersions([record]);
      const resource = version ? this.decrypt(version, await this.dataKeys.load(patient.id)) : null;
      return resource ? demographicsOf(resource) : unknown;
    }
    return unknown;
  }

  async exportPatient(patientId: string, purpose: Purpose | null): Promise<FhirResource> {
    const patient = await this.patientRef(patientId);
    const decision = await this.authorize("patient.export", patient, purpose);
    if (!decision.allow) throw notFound("Patient");
    const views = await this.visible(patient, decision.scope, {});
    return {
      resourceType: "Bundle",
      type: "collection",
      timestamp: this.deps.clock().toISOString(),
      entry: views.map((view) => ({ fullUrl: `${view.resourceType}/${view.fhirId}`, resource: view.resource })),
    };
  }

  async verifyIntegrity(recordId: string): Promise<IntegrityReport> {
    const { record, patient } = await this.recordRef(recordId);
    const decision = await this.authorize("record.verify", patient, "TREAT", record);
    if (!decision.allow) throw notFound("Record");
    const key = await this.dataKeys.load(patient.id);
    const versions = await this.deps.store.versions(record.id);
    const checks: VersionCheck[] = [];
    let previousHash = GENESIS_HASH;
    for (let i = 0; i < versions.length; i++) {
      const v = versions[i];
      const batch = v.seq === undefined ? null : await this.deps.anchors.batchContaining("recordVersions", v.seq);
      let problem = checkVersion(v, i + 1, previousHash, key);
      if (!problem && batch) {
        const anchored = await this.deps.anchors.verify("recordVersions", new Set([batch.index]));
        if (!anchored.ok) problem = `version ${v.version}: ${anchored.problem}`;
      }
      checks.push({ version: v.version, ok: problem === null, problem, anchorTx: batch?.txHash ?? null });
      previousHash = v.versionHash;
    }
    if (versions.length !== record.currentVersion) {
      const problem = `the record claims ${record.currentVersion} versions but ${versions.length} are stored`;
      checks.push({ version: versions.length + 1, ok: false, problem, anchorTx: null });
    }
    const firstBad = checks.find((c) => !c.ok);
    return { recordId, ok: !firstBad, firstBadVersion: firstBad?.version ?? null, versions: checks };
  }

  // ---- FHIR bundles --------------------------------------------------------------------

  async importBundle(bundle: unknown, rawAccount: string | null): Promise<ImportResult> {
    this.requireActor();
    const accountAddress = rawAccount ? this.deps.checksum(rawAccount) : null;
    const resources = parseBundle(bundle, this.maxBytes);
    const { patient, drafts } = await this.registerPatient("bundle.import", resources, accountAddress);
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.resourceType, (counts.get(r.resourceType) ?? 0) + 1);
    return {
      patientId: patient.id,
      created: drafts.length,
      byType: [...counts]
        .map(([resourceType, count]) => ({ resourceType, count }))
        .sort((a, b) => b.count - a.count || a.resourceType.localeCompare(b.resourceType)),
    };
  }

  // ---- the patient's own view --------------------------------------------------------

  async myPatient(): Promise<PatientRow | null> {
    const actor = this.requireActor();
    return this.deps.store.findPatientByAccount(actor.address);
  }
}

function checkVersion(v: VersionRow, expectedVersion: number, previousHash: string, key: Buffer): string | null {
  if (v.version !== expectedVersion) return `version ${expectedVersion} is missing`;
  if (v.previousHash !== previousHash) return `version ${v.version} does not link to version ${v.version - 1}`;
  let content: unknown;
  try {
    content = JSON.parse(open(key, v.sealed, aad(v.recordId, v.version)).toString("utf8"));
  } catch {
    return `version ${v.version}: the encrypted content was altered or moved`;
  }
  if (contentHash(content) !== v.contentHash) return `version ${v.version}: the content does not match its hash`;
  const expected = versionHash({
    recordId: v.recordId,
    version: v.version,
    lifecycle: v.lifecycle,
    author: v.author,
    createdAt: v.createdAt,
    reason: v.reason,
    contentHash: v.contentHash,
    previousHash: v.previousHash,
  });
  return expected === v.versionHash ? null : `version ${v.version}: its metadata (author, time, reason or status) was altered`;
}

function matches(view: RecordView, filter: RecordFilter): boolean {
  const f = view.fields;
  if (filter.codeSystem && f.codeSystem !== filter.codeSystem) return false;
  if (filter.code && f.code !== filter.code) return false;
  if (filter.clinicalStatus && f.clinicalStatus !== filter.clinicalStatus) return false;
  if (filter.effectiveFrom && (!f.effectiveAt || f.effectiveAt < filter.effectiveFrom)) return false;
  if (filter.effectiveTo && (!f.effectiveAt || f.effectiveAt > filter.effectiveTo)) return false;
  if (filter.valueMin != null && (f.valueQuantity === null || f.valueQuantity < filter.valueMin)) return false;
  if (filter.valueMax != null && (f.valueQuantity === null || f.valueQuantity > filter.valueMax)) return false;
  return true;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string): boolean => UUID.test(value);
/** A keyset cursor: the effective date and id of the last record of a page. */
const encodeCursor = (row: Pick<RecordRow, "effectiveAt" | "id">): string =>
  Buffer.from(`record:${row.effectiveAt?.toISOString() ?? ""}|${row.id}`).toString("base64url");
function decodePatientCursor(cursor: string): string {
  const match = /^patient:(.+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match || !isUuid(match[1])) throw badInput("after is not a cursor from this list");
  return match[1];
}

/** Display name ("text", else given names and family), birth date and gender of a FHIR Patient. */
function demographicsOf(resource: FhirResource): Pick<CarePatient, "name" | "birthDate" | "gender"> {
  const patient = resource as {
    name?: { use?: string; text?: string; given?: string[]; family?: string }[];
    birthDate?: string;
    gender?: string;
  };
  const name = patient.name?.find((n) => n.use === "official") ?? patient.name?.[0];
  const display = name?.text ?? [...(name?.given ?? []), name?.family ?? ""].join(" ").trim();
  return { name: display || null, birthDate: patient.birthDate ?? null, gender: patient.gender ?? null };
}

function decodeCursor(cursor: string): { effectiveAt: Date | null; id: string } {
  const match = /^record:([^|]*)\|(.+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  const effectiveAt = match?.[1] ? new Date(match[1]) : null;
  if (!match || !isUuid(match[2]) || (effectiveAt && Number.isNaN(effectiveAt.getTime())))
    throw badInput("after is not a cursor from this list");
  return { effectiveAt, id: match[2] };
}

/**
 * The query fields of a record's current content (null content: a retraction, which keeps the
 * effective date and clears the rest, as its view shows no fields). The code is blind-indexed.
 */
export function queryFields(
  keys: Pick<KeyRing, "codeKey">,
  resource: FhirResource | null,
  previous: Pick<RecordRow, "effectiveAt">,
): Pick<RecordRow, "effectiveAt" | "codeSystem" | "codeKey" | "clinicalStatus" | "valueQuantity"> {
  if (!resource) return { effectiveAt: previous.effectiveAt, codeSystem: null, codeKey: null, clinicalStatus: null, valueQuantity: null };
  const fields = typedFields(resource);
  return {
    effectiveAt: fields.effectiveAt,
    codeSystem: fields.codeSystem,
    codeKey: fields.code ? keys.codeKey(fields.code) : null,
    clinicalStatus: fields.clinicalStatus,
    valueQuantity: fields.valueQuantity,
  };
}

/**
 * Validates a FHIR transaction/collection/batch Bundle with exactly one Patient and returns its
 * resources with `urn:uuid:` references resolved to `Type/id` (as Synthea writes them).
 */
export function parseBundle(bundle: unknown, maxResourceBytes = DEFAULT_MAX_RESOURCE_BYTES): FhirResource[] {
  const b = bundle as { resourceType?: unknown; type?: unknown; entry?: unknown };
  if (typeof bundle !== "object" || bundle === null || b.resourceType !== "Bundle") throw badInput("bundle must be a FHIR Bundle");
  if (!["transaction", "collection", "batch"].includes(String(b.type)))
    throw badInput("bundle.type must be transaction, batch or collection");
  if (!Array.isArray(b.entry) || b.entry.length === 0) throw badInput("bundle has no entries");
  const entries = b.entry as { fullUrl?: unknown; resource?: unknown }[];
  const urnTargets = new Map<string, string>();
  entries.forEach((entry, i) => {
    if (entry === null || typeof entry !== "object") throw badInput(`entry ${i} is not a Bundle entry object`);
    const resource = entry.resource as FhirResource | undefined;
    if (!resource || typeof resource !== "object") throw badInput(`entry ${i} has no resource`);
    if (!resource.id) throw badInput(`entry ${i} (${String(resource.resourceType)}) has no id`);
    if (typeof entry.fullUrl === "string" && entry.fullUrl.startsWith("urn:uuid:"))
      urnTargets.set(entry.fullUrl, `${resource.resourceType}/${resource.id}`);
  });
  const patients = entries.filter((e) => (e.resource as FhirResource).resourceType === "Patient");
  if (patients.length !== 1) throw badInput(`a bundle must hold exactly one Patient (found ${patients.length})`);
  const text = JSON.stringify(entries.map((e) => e.resource)).replace(/"(urn:uuid:[0-9a-fA-F-]+)"/g, (match, urn: string) =>
    urnTargets.has(urn) ? JSON.stringify(urnTargets.get(urn)) : match,
  );
  const resources = (JSON.parse(text) as unknown[]).map((resource, i) => validateFhir(resource, `entry ${i}`, maxResourceBytes));
  const seen = new Set<string>();
  for (const r of resources) {
    const key = `${r.resourceType}/${r.id}`;
    if (seen.has(key)) throw badInput(`${key} appears twice in the bundle`);
    seen.add(key);
  }
  return resources;
}
