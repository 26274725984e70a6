/**
 * Insurance claims (issue 13): insurers' policies as code, patients' coverage, and claims
 * adjudicated by ClaimsRegistry against anchored record versions.
 *
 * The API's part is what the chain cannot do: it reads the FHIR resources, checks who may do
 * what (an insurer publishes its own policies; a doctor claims only for a patient they treat
 * and cites only records they may read), recomputes each cited version's hash from its stored
 * content (a version edited in the database no longer matches its anchored leaf, and the
 * contract rejects the claim as UnanchoredEvidence), and relays through the outbox. The chain
 * decides: approved with the payable amount, rejected with a reason, or sent to the insurer's
 * review. Nothing personal goes on chain: a salted patient reference, codes, days and cents.
 */
import { createHmac, randomUUID } from "node:crypto";

import type { KeyRing } from "../../crypto/key-ring";
import { open, seal } from "../../crypto/key-ring";
import type { AccessLog } from "../access/access-log";
import { decide, type AccessFacts, type Decision } from "../access/access-policy";
import { hasRole, type Actor } from "../actors";
import type { AnchorService } from "../anchoring/anchor.service";
import { badInput, conflict, forbidden, notFound, unauthenticated } from "../errors";
import { canonicalJson, contentHash, sha256Hex, versionHash } from "../ledger-hash";
import { newIntent, type ChainIntent, type ChainOutbox, type ChainWriteStatus, type IntentHandler } from "../outbox/chain-outbox";
import { validateFhir, type FhirResource } from "../records/fhir";
import { recordAad, type PatientRow, type RecordRow, type RecordStore, type VersionRow } from "../records/record-store";
import {
  checkCode,
  CLAIM_RECORD_TYPES,
  claimResponse,
  explanationOfBenefit,
  parseClaim,
  parseCoverage,
  type ClaimFacts,
  type ClaimItem,
  type ClaimStatus,
} from "./claims-fhir";

export interface PolicyRule {
  code: string;
  display: string | null;
  covered: boolean;
  priorAuthRequired: boolean;
  requiredRecordTypes: string[];
  periodDays: number;
  /** Cents; 0: no limit. */
  maxPerClaim: number;
  maxPerPeriod: number;
  copay: number;
  /** Basis points of the rest of each item the patient pays (1 % = 100). */
  coinsuranceBps: number;
}

export interface PolicyRow {
  id: string;
  version: number;
  insurer: string;
  name: string;
  rules: PolicyRule[];
  rulesHash: string;
  publishedAt: Date;
  chainStatus: ChainWriteStatus;
  chainError: string | null;
  txHash: string | null;
}

export interface CoverageRow {
  id: string;
  patientId: string;
  policyId: string;
  insurer: string;
  startDay: number;
  endDay: number;
  sealed: Buffer;
  contentHash: string;
  registeredBy: string;
  /** PROPOSED: registered by the patient, waiting for the insurer to accept it (not on chain yet). */
  state: "PROPOSED" | "ACTIVE";
  createdAt: Date;
  chainStatus: ChainWriteStatus;
  chainError: string | null;
  txHash: string | null;
}

/** A cited record version, as the claim disclosed it. */
export interface EvidenceRow {
  recordId: string;
  resourceType: string;
  version: number;
  seq: number;
  /** The version hash recomputed from the stored content when the claim was submitted (hex, no 0x). */
  versionHash: string;
  /** Whether that recomputed hash matched the ledger's (false: the content was edited after it was written). */
  intact: boolean;
  where: string;
}

export interface ClaimRow {
  /** 0x + sha256 of the claim's canonical form: its id on chain. */
  id: string;
  patientId: string;
  coverageId: string;
  insurer: string;
  provider: string;
  use: "claim" | "preauthorization";
  priorAuthId: string | null;
  sealed: Buffer;
  items: ClaimItem[];
  evidence: EvidenceRow[];
  currency: string;
  billed: number;
  status: ClaimStatus;
  reason: string;
  planPays: number;
  patientShare: number;
  policyVersion: number | null;
  createdAt: Date;
  chainStatus: ChainWriteStatus;
  chainError: string | null;
  txHash: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  decidedAt: Date | null;
  decisionStatus: ChainWriteStatus | null;
  decisionTx: string | null;
}

export interface ChainOutcome {
  status: Exclude<ClaimStatus, "SUBMITTED">;
  reason: string;
  policyVersion: number;
  billed: number;
  planPays: number;
  patientShare: number;
}

export interface ClaimFilter {
  insurer?: string;
  provider?: string;
  patientId?: string;
  status?: ClaimStatus | null;
}

export interface ClaimsStore {
  currentPolicy(id: string): Promise<PolicyRow | null>;
  /** The latest version of each policy of an insurer. */
  policiesOf(insurer: string): Promise<PolicyRow[]>;
  /** The new version and its intent; CONFLICT when the version was taken meanwhile. */
  publishPolicy(row: PolicyRow, intent: ChainIntent): Promise<void>;
  policyLanded(id: string, version: number, txHash: string | null, error: string | null): Promise<void>;
  /** The coverage and its intent (none while PROPOSED); the existing row when this patient already registered this exact resource. */
  saveCoverage(row: CoverageRow, intent: ChainIntent | null): Promise<CoverageRow>;
  /** PROPOSED → ACTIVE with its intent; false when it was not PROPOSED. */
  activateCoverage(id: string, intent: ChainIntent, at: Date): Promise<boolean>;
  proposedCoverages(insurer: string, limit: number): Promise<CoverageRow[]>;
  coverage(id: string): Promise<CoverageRow | null>;
  coveragesOf(patientId: string): Promise<CoverageRow[]>;
  coverageLanded(id: string, txHash: string | null, error: string | null): Promise<void>;
  /** The claim and its intent; false when a claim with this id exists (the same claim sent again). */
  saveClaim(row: ClaimRow, intent: ChainIntent): Promise<boolean>;
  claim(id: string): Promise<ClaimRow | null>;
  claimLanded(id: string, outcome: ChainOutcome | null, txHash: string | null, error: string | null): Promise<void>;
  /** Starts the insurer's decision (only on a claim in review with no decision under way) with its intent. */
  startDecision(id: string, decidedBy: string, note: string | null, at: Date, intent: ChainIntent): Promise<boolean>;
  decisionLanded(id: string, outcome: ChainOutcome | null, txHash: string | null, error: string | null): Promise<void>;
  pageClaims(
    filter: ClaimFilter,
    after: { createdAt: Date; id: string } | null,
    first: number,
  ): Promise<{ rows: ClaimRow[]; totalCount: number; hasNextPage: boolean }>;
}

export interface ChainRule extends Omit<PolicyRule, "display" | "requiredRecordTypes"> {
  requiredRecordTypes: number;
}

export interface ChainClaim {
  claimId: string;
  coverageId: string;
  provider: string;
  preauthorization: boolean;
  priorAuthId: string | null;
  items: { code: string; serviceDay: number; quantity: number; amount: number }[];
  evidence: { recordType: number; seq: number; versionHash: string; anchorIndex: number; proof: string[] }[];
}

export interface ClaimsChain {
  publishPolicy(policyId: string, insurer: string, codes: string[], rules: ChainRule[]): Promise<string>;
  policyTx(policyId: string, version: number): Promise<string | null>;
  registerCoverage(coverageId: string, policyId: string, patientRef: string, startDay: number, endDay: number): Promise<string>;
  coverageTx(coverageId: string): Promise<string | null>;
  submitClaim(claim: ChainClaim): Promise<string>;
  claimTx(claimId: string): Promise<string | null>;
  decideClaim(claimId: string, insurer: string, approve: boolean, planPays: number, reason: string): Promise<string>;
  decisionTx(claimId: string): Promise<string | null>;
  outcome(claimId: string): Promise<ChainOutcome | null>;
}

export interface ClaimsDeps {
  store: ClaimsStore;
  chain: ClaimsChain;
  records: RecordStore;
  keys: KeyRing;
  accessLog: AccessLog;
  facts(patientId: string, actor: string): Promise<AccessFacts>;
  anchors: AnchorService;
  outbox: ChainOutbox;
  clock: () => Date;
}

export interface ClaimView extends ClaimRow {
  resource: FhirResource;
  claimResponse: FhirResource;
  explanationOfBenefit: FhirResource;
  policyId: string;
}

export interface CoverageView extends CoverageRow {
  resource: FhirResource;
}

const INTENTS = {
  policy: "claims.policy",
  coverage: "claims.coverage",
  claim: "claims.claim",
  decision: "claims.decision",
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLAIM_ID = /^0x[0-9a-f]{64}$/;
const POLICY_ID = /^[A-Za-z0-9._-]{1,31}$/;
const MAX_RULES = 200;
const MAX_PAGE = 100;
/** A patient's export carries the explanations of benefit of their latest claims, up to this many. */
const MAX_EXPORTED_CLAIMS = 1000;
/** Cents the contract's uint64 holds with room to add a claim's items. */
const MAX_CENTS = 1_000_000_000_000;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The patient's one reference in every claim and coverage on chain: keyed by their data key, so only the custodian links it. */
export function claimsPatientRef(key: Buffer): string {
  return `0x${createHmac("sha256", key).update("claims-patient").digest("hex")}`;
}

/** A coverage's id on chain: its uuid's 16 bytes, right-padded. */
export const coverageChainId = (id: string): string => `0x${id.replace(/-/g, "").toLowerCase().padEnd(64, "0")}`;

/** A version hash from what is stored now: its content decrypted and hashed, chained as when it was written. */
export function recomputeVersionHash(v: VersionRow, key: Buffer): { hash: string; intact: boolean } {
  let content: unknown;
  try {
    content = JSON.parse(open(key, v.sealed, recordAad(v.recordId, v.version)).toString("utf8"));
  } catch {
    // Content that no longer decrypts: a hash of what is there, which matches no anchored leaf.
    return { hash: sha256Hex(v.sealed), intact: false };
  }
  const hash = versionHash({
    recordId: v.recordId,
    version: v.version,
    lifecycle: v.lifecycle,
    author: v.author,
    createdAt: v.createdAt,
    reason: v.reason,
    contentHash: contentHash(content),
    previousHash: v.previousHash,
  });
  return { hash, intact: hash === v.versionHash };
}

function checkCents(value: number, where: string): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_CENTS) throw badInput(`${where} must be whole cents from 0`);
  return value;
}

/** A rule as the caller sent it, checked; BAD_USER_INPUT names the first wrong field. */
export function checkRule(rule: PolicyRule, i: number): PolicyRule {
  const where = `rules[${i}]`;
  const code = checkCode(rule.code, `${where}.code`);
  for (const type of rule.requiredRecordTypes) {
    if (!CLAIM_RECORD_TYPES.includes(type)) {
      throw badInput(`${where}.requiredRecordTypes: ${type} is not one of ${CLAIM_RECORD_TYPES.join(", ")}`);
    }
  }
  if (!Number.isInteger(rule.periodDays) || rule.periodDays < 0 || rule.periodDays > 36_500) {
    throw badInput(`${where}.periodDays must be 0 to 36500`);
  }
  if (rule.maxPerPeriod > 0 && rule.periodDays === 0) throw badInput(`${where}: a limit per period needs periodDays`);
  if (!Number.isInteger(rule.coinsuranceBps) || rule.coinsuranceBps < 0 || rule.coinsuranceBps > 10_000) {
    throw badInput(`${where}.coinsurance must be 0 to 100 %`);
  }
  return {
    ...rule,
    code,
    display: rule.display?.trim().slice(0, 200) || null,
    requiredRecordTypes: [...new Set(rule.requiredRecordTypes)].sort(),
    maxPerClaim: checkCents(rule.maxPerClaim, `${where}.maxPerClaim`),
    maxPerPeriod: checkCents(rule.maxPerPeriod, `${where}.maxPerPeriod`),
    copay: checkCents(rule.copay, `${where}.copay`),
  };
}

export const toChainRule = (rule: PolicyRule): ChainRule => ({
  code: rule.code,
  covered: rule.covered,
  priorAuthRequired: rule.priorAuthRequired,
  requiredRecordTypes: rule.requiredRecordTypes.reduce((mask, type) => mask | (1 << CLAIM_RECORD_TYPES.indexOf(type)), 0),
  periodDays: rule.periodDays,
  maxPerClaim: rule.maxPerClaim,
  maxPerPeriod: rule.maxPerPeriod,
  copay: rule.copay,
  coinsuranceBps: rule.coinsuranceBps,
});

export class ClaimsService {
  constructor(private readonly deps: ClaimsDeps) {
    deps.outbox.register(INTENTS.policy, this.policyHandler());
    deps.outbox.register(INTENTS.coverage, this.coverageHandler());
    deps.outbox.register(INTENTS.claim, this.claimHandler());
    deps.outbox.register(INTENTS.decision, this.decisionHandler());
  }

  // ---- chain writes --------------------------------------------------------------------

  private policyHandler(): IntentHandler {
    type P = { policyId: string; version: number; insurer: string; rules: PolicyRule[] };
    return {
      landed: (p) => this.deps.chain.policyTx((p as P).policyId, (p as P).version),
      send: (p) =>
        this.deps.chain.publishPolicy(
          (p as P).policyId,
          (p as P).insurer,
          (p as P).rules.map((r) => r.code),
          (p as P).rules.map(toChainRule),
        ),
      confirmed: (p, txHash) => this.deps.store.policyLanded((p as P).policyId, (p as P).version, txHash, null),
      failed: (p, reason) => this.deps.store.policyLanded((p as P).policyId, (p as P).version, null, reason),
    };
  }

  private coverageHandler(): IntentHandler {
    type C = { coverageId: string; policyId: string; patientRef: string; startDay: number; endDay: number };
    return {
      landed: (p) => this.deps.chain.coverageTx(coverageChainId((p as C).coverageId)),
      send: (p) => {
        const c = p as C;
        return this.deps.chain.registerCoverage(coverageChainId(c.coverageId), c.policyId, c.patientRef, c.startDay, c.endDay);
      },
      confirmed: (p, txHash) => this.deps.store.coverageLanded((p as C).coverageId, txHash, null),
      failed: (p, reason) => this.deps.store.coverageLanded((p as C).coverageId, null, reason),
    };
  }

  private claimHandler(): IntentHandler {
    type C = Omit<ChainClaim, "evidence"> & { evidence: { recordType: number; seq: number; versionHash: string }[] };
    return {
      landed: (p) => this.deps.chain.claimTx((p as C).claimId),
      send: async (p) => this.deps.chain.submitClaim(await this.withProofs(p as C)),
      confirmed: async (p, txHash) => {
        const outcome = await this.deps.chain.outcome((p as C).claimId);
        await this.deps.store.claimLanded((p as C).claimId, outcome, txHash, null);
      },
      failed: (p, reason) => this.deps.store.claimLanded((p as C).claimId, null, null, reason),
    };
  }

  private decisionHandler(): IntentHandler {
    type D = { claimId: string; insurer: string; approve: boolean; planPays: number };
    return {
      landed: (p) => this.deps.chain.decisionTx((p as D).claimId),
      send: (p) => {
        const d = p as D;
        return this.deps.chain.decideClaim(d.claimId, d.insurer, d.approve, d.planPays, d.approve ? "None" : "InsurerDecision");
      },
      confirmed: async (p, txHash) => {
        const outcome = await this.deps.chain.outcome((p as D).claimId);
        await this.deps.store.decisionLanded((p as D).claimId, outcome, txHash, null);
      },
      failed: (p, reason) => this.deps.store.decisionLanded((p as D).claimId, null, null, reason),
    };
  }

  /**
   * The inclusion proofs of the cited versions, taken when the claim is sent: a version written
   * just now is anchored first. A version still not anchored (another process is anchoring)
   * makes the send wait and retry; it is never sent without its proof.
   */
  private async withProofs(claim: Omit<ChainClaim, "evidence"> & { evidence: { recordType: number; seq: number; versionHash: string }[] }) {
    const seqs = claim.evidence.map((e) => e.seq);
    let proofs = await this.deps.anchors.proofs("recordVersions", seqs);
    if ([...proofs.values()].some((p) => p === null)) {
      await this.deps.anchors.anchorPending();
      proofs = await this.deps.anchors.proofs("recordVersions", seqs);
    }
    const evidence = claim.evidence.map((e) => {
      const proof = proofs.get(e.seq);
      if (!proof) throw new Error(`record version ${e.seq} is not anchored yet`);
      return { ...e, versionHash: `0x${e.versionHash}`, anchorIndex: proof.batchIndex, proof: proof.proof };
    });
    return { ...claim, evidence };
  }

  // ---- policies --------------------------------------------------------------------------

  private async audit(
    actor: Actor,
    action: string,
    patientId: string | null,
    decision: "ALLOW" | "DENY",
    reason: string,
    purpose: string | null = "HPAYMT",
  ): Promise<void> {
    await this.deps.accessLog.record({ actor: actor.address, patientId, recordId: null, action, purpose, decision, reason });
  }

  private async refuse(actor: Actor, action: string, patientId: string | null, reason: string): Promise<never> {
    await this.audit(actor, action, patientId, "DENY", reason);
    throw forbidden(reason);
  }

  async publishPolicy(actor: Actor | null, policyId: string, name: string, rawRules: PolicyRule[]): Promise<PolicyRow> {
    if (!actor) throw unauthenticated();
    if (!hasRole(actor, "insurer")) return this.refuse(actor, "policy.publish", null, "only insurers publish policies");
    if (!POLICY_ID.test(policyId)) throw badInput("policyId: 1 to 31 letters, digits, dots, dashes or underscores");
    if (name.trim().length < 3 || name.length > 200) throw badInput("name: 3 to 200 characters");
    if (rawRules.length === 0 || rawRules.length > MAX_RULES) throw badInput(`a policy has 1 to ${MAX_RULES} rules`);
    const rules = rawRules.map(checkRule).sort((a, b) => a.code.localeCompare(b.code));
    const duplicate = rules.find((r, i) => i > 0 && rules[i - 1].code === r.code);
    if (duplicate) throw badInput(`rules: the code ${duplicate.code} appears twice`);
    const current = await this.deps.store.currentPolicy(policyId);
    if (current && !same(current.insurer, actor.address)) {
      return this.refuse(actor, "policy.publish", null, `the policy ${policyId} belongs to another insurer`);
    }
    const rulesHash = sha256Hex(canonicalJson({ name: name.trim(), rules }));
    // The same rules again: nothing to publish (a retried request, a double click).
    if (current && current.rulesHash === rulesHash && current.chainStatus !== "FAILED") return current;
    const version = (current?.version ?? 0) + 1;
    const row: PolicyRow = {
      id: policyId,
      version,
      insurer: actor.address,
      name: name.trim(),
      rules,
      rulesHash,
      publishedAt: this.deps.clock(),
      chainStatus: "PENDING",
      chainError: null,
      txHash: null,
    };
    const intent = newIntent(INTENTS.policy, `policy:${policyId}:${version}`, { policyId, version, insurer: actor.address, rules });
    await this.deps.store.publishPolicy(row, intent);
    await this.audit(actor, "policy.publish", null, "ALLOW", `policy ${policyId} version ${version}: ${rules.length} rule(s)`, null);
    await this.deps.outbox.settle(intent.id);
    return (await this.deps.store.currentPolicy(policyId)) ?? row;
  }

  /** An insurer's own policies; anyone signed in may read one policy's rules (they are public on chain). */
  async policies(actor: Actor | null, insurer: string | null): Promise<PolicyRow[]> {
    if (!actor) throw unauthenticated();
    return this.deps.store.policiesOf(insurer ?? actor.address);
  }

  async policy(actor: Actor | null, policyId: string): Promise<PolicyRow> {
    if (!actor) throw unauthenticated();
    const policy = POLICY_ID.test(policyId) ? await this.deps.store.currentPolicy(policyId) : null;
    if (!policy) throw notFound("Policy");
    return policy;
  }

  // ---- coverage --------------------------------------------------------------------------

  private async patient(patientId: string): Promise<PatientRow> {
    const [patient] = UUID.test(patientId) ? await this.deps.records.findPatients([patientId]) : [];
    if (!patient) throw notFound("Patient");
    return patient;
  }

  private key(patient: PatientRow): Buffer {
    return this.deps.keys.unwrap(patient.id, patient.wrappedKey);
  }

  private isOwner(actor: Actor, patient: PatientRow): boolean {
    return hasRole(actor, "patient") && !!patient.accountAddress && same(patient.accountAddress, actor.address);
  }

  /** Registered by the policy's insurer or by the patient themselves. */
  async registerCoverage(actor: Actor | null, patientId: string, resource: unknown): Promise<CoverageView> {
    if (!actor) throw unauthenticated();
    const patient = await this.patient(patientId);
    const coverage = validateFhir(resource, "coverage");
    const parsed = parseCoverage(coverage);
    const policy = await this.deps.store.currentPolicy(parsed.policyId);
    if (!policy) throw notFound(`Policy ${parsed.policyId}`);
    if (policy.chainStatus === "FAILED") throw conflict(`the policy ${policy.id} was refused by the chain: publish it again`);
    if (!this.isOwner(actor, patient) && !same(policy.insurer, actor.address)) {
      return this.refuse(actor, "coverage.register", patient.id, "only the patient or the policy's insurer registers a coverage");
    }
    const key = this.key(patient);
    const hash = sha256Hex(canonicalJson(coverage));
    const id = randomUUID();
    // The insurer's own registration is in force at once; the patient's waits for the insurer to accept it.
    const byInsurer = same(policy.insurer, actor.address);
    const row: CoverageRow = {
      id,
      patientId: patient.id,
      policyId: policy.id,
      insurer: policy.insurer,
      startDay: parsed.startDay,
      endDay: parsed.endDay,
      sealed: seal(key, Buffer.from(canonicalJson(coverage), "utf8"), `coverage:${id}`),
      contentHash: hash,
      registeredBy: actor.address,
      state: byInsurer ? "ACTIVE" : "PROPOSED",
      createdAt: this.deps.clock(),
      chainStatus: "PENDING",
      chainError: null,
      txHash: null,
    };
    const intent = byInsurer ? this.coverageIntent(row, key) : null;
    const saved = await this.deps.store.saveCoverage(row, intent);
    if (saved.id === id) {
      await this.audit(
        actor,
        "coverage.register",
        patient.id,
        "ALLOW",
        `coverage ${id} under policy ${policy.id} (${row.state.toLowerCase()})`,
      );
      if (intent) await this.deps.outbox.settle(intent.id);
    }
    return this.coverageView((await this.deps.store.coverage(saved.id)) ?? saved, key);
  }

  private coverageIntent(row: CoverageRow, key: Buffer): ChainIntent {
    return newIntent(INTENTS.coverage, `coverage:${row.id}`, {
      coverageId: row.id,
      policyId: row.policyId,
      patientRef: claimsPatientRef(key),
      startDay: row.startDay,
      endDay: row.endDay,
    });
  }

  /** The policy's insurer accepts a coverage the patient registered: it goes on chain and claims may use it. */
  async acceptCoverage(actor: Actor | null, coverageId: string): Promise<CoverageView> {
    if (!actor) throw unauthenticated();
    const row = UUID.test(coverageId) ? await this.deps.store.coverage(coverageId) : null;
    if (!row) throw notFound("Coverage");
    const patient = await this.patient(row.patientId);
    if (!hasRole(actor, "insurer") || !same(row.insurer, actor.address)) {
      return this.refuse(actor, "coverage.accept", patient.id, "only the policy's insurer accepts a coverage");
    }
    const key = this.key(patient);
    const intent = this.coverageIntent(row, key);
    if (await this.deps.store.activateCoverage(row.id, intent, this.deps.clock())) {
      await this.audit(actor, "coverage.accept", patient.id, "ALLOW", `coverage ${row.id} accepted`);
      await this.deps.outbox.settle(intent.id);
    }
    return this.coverageView((await this.deps.store.coverage(row.id))!, key);
  }

  /** An insurer's queue: coverages patients registered under its policies, oldest first. */
  async coverageRequests(actor: Actor | null): Promise<CoverageView[]> {
    if (!actor) throw unauthenticated();
    if (!hasRole(actor, "insurer")) throw forbidden("only insurers accept coverages");
    const rows = await this.deps.store.proposedCoverages(actor.address, MAX_PAGE);
    const patients = new Map((await this.deps.records.findPatients([...new Set(rows.map((r) => r.patientId))])).map((p) => [p.id, p]));
    for (const patientId of patients.keys()) {
      await this.audit(actor, "coverage.read", patientId, "ALLOW", "coverage registered by the patient, to accept");
    }
    return rows.map((row) => this.coverageView(row, this.key(patients.get(row.patientId)!)));
  }

  private coverageView(row: CoverageRow, key: Buffer): CoverageView {
    return { ...row, resource: JSON.parse(open(key, row.sealed, `coverage:${row.id}`).toString("utf8")) as FhirResource };
  }

  /** Who may see a patient's coverages: the patient, the insurers of them, and doctors who treat the patient (to claim). */
  async coverages(actor: Actor | null, patientId: string): Promise<CoverageView[]> {
    if (!actor) throw unauthenticated();
    const patient = await this.patient(patientId);
    const all = await this.deps.store.coveragesOf(patient.id);
    let visible: CoverageRow[];
    if (this.isOwner(actor, patient)) visible = all;
    else if (hasRole(actor, "doctor") && (await this.treats(actor, patient)).allow) visible = all;
    else visible = all.filter((c) => same(c.insurer, actor.address));
    if (visible.length === 0 && !this.isOwner(actor, patient)) {
      await this.audit(actor, "coverage.read", patient.id, "DENY", "no coverage of this patient is visible to the caller");
      throw notFound("Patient");
    }
    await this.audit(actor, "coverage.read", patient.id, "ALLOW", `${visible.length} coverage(s)`);
    const key = this.key(patient);
    return visible.map((row) => this.coverageView(row, key));
  }

  // ---- claims ----------------------------------------------------------------------------

  /** A treatment relationship (authorship, a TREAT consent, or break-glass): the patient's TREAT scope is not empty. */
  private async treats(actor: Actor, patient: PatientRow, record?: RecordRow): Promise<Decision> {
    const facts = await this.deps.facts(patient.id, actor.address);
    const at = this.deps.clock();
    const ref = { id: patient.id, accountAddress: patient.accountAddress };
    if (record) {
      const asRecord = { id: record.id, resourceType: record.resourceType, author: record.author };
      const treat = decide(actor, { action: "record.read", patient: ref, record: asRecord, purpose: "TREAT", at }, facts);
      return treat.allow ? treat : decide(actor, { action: "record.read", patient: ref, record: asRecord, purpose: "ETREAT", at }, facts);
    }
    return decide(actor, { action: "record.list", patient: ref, purpose: "TREAT", at }, facts);
  }

  async submitClaim(
    actor: Actor | null,
    input: { patientId: string; coverageId: string; claim: unknown; priorAuthorizationId: string | null },
  ): Promise<ClaimView> {
    if (!actor) throw unauthenticated();
    const patient = await this.patient(input.patientId);
    if (!hasRole(actor, "doctor")) return this.refuse(actor, "claim.submit", patient.id, "only doctors submit claims");
    const relationship = await this.treats(actor, patient);
    if (!relationship.allow) {
      return this.refuse(actor, "claim.submit", patient.id, "no treatment relationship with the patient: a claim needs one");
    }
    const resource = validateFhir(input.claim, "claim");
    const parsed = parseClaim(resource);
    const coverage = UUID.test(input.coverageId) ? await this.deps.store.coverage(input.coverageId) : null;
    if (!coverage || coverage.patientId !== patient.id) throw notFound("Coverage");
    if (coverage.state !== "ACTIVE") throw conflict("the insurer has not accepted this coverage yet");
    if (coverage.chainStatus === "FAILED") throw conflict("the coverage was refused by the chain: register it again");
    const priorAuthId = (input.priorAuthorizationId ?? parsed.preAuthRef)?.toLowerCase() ?? null;
    if (priorAuthId !== null) {
      if (parsed.use === "preauthorization") throw badInput("a prior-authorisation request does not reference another");
      const auth = CLAIM_ID.test(priorAuthId) ? await this.deps.store.claim(priorAuthId) : null;
      if (!auth || auth.patientId !== patient.id) throw notFound("Prior authorisation");
    }
    const evidence = await this.cite(actor, patient, parsed.citations);
    const key = this.key(patient);
    const canonical = canonicalJson(resource);
    const id = `0x${sha256Hex(
      canonicalJson({
        claim: resource,
        patientId: patient.id,
        coverageId: coverage.id,
        provider: actor.address,
        priorAuthId,
        evidence: evidence.map((e) => `${e.recordId}@${e.version}`),
      }),
    )}`;
    const billed = parsed.items.reduce((sum, item) => sum + item.amount, 0);
    const row: ClaimRow = {
      id,
      patientId: patient.id,
      coverageId: coverage.id,
      insurer: coverage.insurer,
      provider: actor.address,
      use: parsed.use,
      priorAuthId,
      sealed: seal(key, Buffer.from(canonical, "utf8"), `claim:${id}`),
      items: parsed.items,
      evidence,
      currency: parsed.currency,
      billed,
      status: "SUBMITTED",
      reason: "None",
      planPays: 0,
      patientShare: 0,
      policyVersion: null,
      createdAt: this.deps.clock(),
      chainStatus: "PENDING",
      chainError: null,
      txHash: null,
      decidedBy: null,
      decisionNote: null,
      decidedAt: null,
      decisionStatus: null,
      decisionTx: null,
    };
    const chainClaim = {
      claimId: id,
      coverageId: coverageChainId(coverage.id),
      provider: actor.address,
      preauthorization: parsed.use === "preauthorization",
      priorAuthId,
      items: parsed.items.map(({ code, serviceDay, quantity, amount }) => ({ code, serviceDay, quantity, amount })),
      evidence: evidence.map((e) => ({ recordType: CLAIM_RECORD_TYPES.indexOf(e.resourceType), seq: e.seq, versionHash: e.versionHash })),
    };
    const intent = newIntent(INTENTS.claim, `claim:${id}`, chainClaim);
    if (await this.deps.store.saveClaim(row, intent)) {
      await this.audit(
        actor,
        "claim.submit",
        patient.id,
        "ALLOW",
        `${parsed.use} ${id.slice(0, 10)}… citing ${evidence.length} record version(s)`,
        "TREAT",
      );
      await this.deps.outbox.settle(intent.id);
    }
    // Sent before (the same claim again): the existing claim, unchanged (idempotent).
    return this.claimView((await this.deps.store.claim(id))!, patient);
  }

  /** The cited records: in the patient's chart, of a type the contract knows, readable by the doctor for treatment. */
  private async cite(actor: Actor, patient: PatientRow, citations: ReturnType<typeof parseClaim>["citations"]): Promise<EvidenceRow[]> {
    if (citations.length === 0) return [];
    // Only the cited records, by their FHIR ids: a claim costs the same for a 10-record and a 10,000-record chart.
    const cited = await this.deps.records.recordsByFhirIds(
      patient.id,
      citations.map((c) => c.fhirId),
    );
    const byFhirId = new Map<string, RecordRow>();
    for (const record of cited) {
      const citation = citations.find((c) => c.fhirId === record.fhirId);
      // Two records may share a FHIR id across types: the reference's type chooses.
      if (!citation?.resourceType || citation.resourceType === record.resourceType) byFhirId.set(record.fhirId, record);
    }
    const records: { record: RecordRow; where: string }[] = [];
    for (const citation of citations) {
      const record = byFhirId.get(citation.fhirId);
      if (!record || (citation.resourceType && record.resourceType !== citation.resourceType)) {
        throw badInput(
          `${citation.where} cites ${citation.resourceType ?? "a record"} ${citation.fhirId}, which is not in the patient's chart`,
        );
      }
      if (record.lifecycle !== "active") throw badInput(`${citation.where} cites a retracted record`);
      if (!CLAIM_RECORD_TYPES.includes(record.resourceType)) {
        throw badInput(`${citation.where}: a claim cites ${CLAIM_RECORD_TYPES.join(", ")} records, not ${record.resourceType}`);
      }
      if (!(await this.treats(actor, patient, record)).allow) {
        return this.refuse(actor, "claim.submit", patient.id, `${citation.where} cites a record the doctor may not read for treatment`);
      }
      records.push({ record, where: citation.where });
    }
    const versions = new Map((await this.deps.records.currentVersions(records.map((r) => r.record))).map((v) => [v.recordId, v]));
    const key = this.key(patient);
    return records.map(({ record, where }) => {
      const v = versions.get(record.id)!;
      const { hash, intact } = recomputeVersionHash(v, key);
      return { recordId: record.id, resourceType: record.resourceType, version: v.version, seq: v.seq!, versionHash: hash, intact, where };
    });
  }

  /** The claim with its FHIR answers; `plan` is the coverage's policy (its name stands for the insurer in FHIR). */
  private view(row: ClaimRow, patient: PatientRow, plan: { policyId: string; name: string }): ClaimView {
    const key = this.key(patient);
    const resource = JSON.parse(open(key, row.sealed, `claim:${row.id}`).toString("utf8")) as FhirResource;
    const facts: ClaimFacts = { ...row, patientFhirId: patient.fhirId, insurerName: plan.name };
    return {
      ...row,
      resource,
      claimResponse: claimResponse(facts),
      explanationOfBenefit: explanationOfBenefit(facts),
      policyId: plan.policyId,
    };
  }

  private async plan(coverageId: string): Promise<{ policyId: string; name: string }> {
    const coverage = await this.deps.store.coverage(coverageId);
    const policy = coverage ? await this.deps.store.currentPolicy(coverage.policyId) : null;
    return { policyId: coverage?.policyId ?? "", name: policy?.name ?? coverage?.insurer ?? "" };
  }

  private async claimView(row: ClaimRow, patient: PatientRow): Promise<ClaimView> {
    return this.view(row, patient, await this.plan(row.coverageId));
  }

  /** Who sees a claim: its patient, its provider and its insurer. */
  private mayRead(actor: Actor, row: ClaimRow, patient: PatientRow): boolean {
    return this.isOwner(actor, patient) || same(row.provider, actor.address) || same(row.insurer, actor.address);
  }

  async claim(actor: Actor | null, claimId: string): Promise<ClaimView> {
    if (!actor) throw unauthenticated();
    const row = CLAIM_ID.test(claimId.toLowerCase()) ? await this.deps.store.claim(claimId.toLowerCase()) : null;
    if (!row) throw notFound("Claim");
    const patient = await this.patient(row.patientId);
    if (!this.mayRead(actor, row, patient)) {
      await this.audit(actor, "claim.read", patient.id, "DENY", `claim ${row.id.slice(0, 10)}…: not its patient, provider or insurer`);
      throw notFound("Claim");
    }
    await this.audit(actor, "claim.read", patient.id, "ALLOW", `claim ${row.id.slice(0, 10)}…`);
    return this.claimView(row, patient);
  }

  /**
   * A page of claims, newest first: a patient's own, an insurer's (claims on its policies) or a
   * doctor's (the claims they submitted). One access-log entry per page.
   */
  async claims(
    actor: Actor | null,
    filter: { status: ClaimStatus | null; patientId: string | null },
    first: number,
    after: string | null,
  ): Promise<{ rows: ClaimView[]; totalCount: number; hasNextPage: boolean }> {
    if (!actor) throw unauthenticated();
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput(`first must be 1 to ${MAX_PAGE}`);
    const cursor = after ? decodeCursor(after) : null;
    const scope: ClaimFilter = { status: filter.status };
    if (filter.patientId) {
      if (!UUID.test(filter.patientId)) throw badInput("patientId must be a patient id");
      scope.patientId = filter.patientId;
    }
    const own = hasRole(actor, "patient") ? await this.deps.records.findPatientByAccount(actor.address) : null;
    if (hasRole(actor, "insurer")) scope.insurer = actor.address;
    else if (hasRole(actor, "doctor")) scope.provider = actor.address;
    else if (own) {
      if (filter.patientId && filter.patientId !== own.id) throw notFound("Patient");
      scope.patientId = own.id;
    } else {
      await this.audit(actor, "claim.list", null, "DENY", "claims are read by their patient, provider or insurer");
      throw forbidden("claims are read by their patient, provider or insurer");
    }
    const page = await this.deps.store.pageClaims(scope, cursor, first);
    await this.audit(actor, "claim.list", scope.patientId ?? null, "ALLOW", `${page.rows.length} claim(s)`);
    const patients = new Map((await this.deps.records.findPatients([...new Set(page.rows.map((r) => r.patientId))])).map((p) => [p.id, p]));
    const plans = new Map<string, { policyId: string; name: string }>();
    const rows: ClaimView[] = [];
    for (const row of page.rows) {
      if (!plans.has(row.coverageId)) plans.set(row.coverageId, await this.plan(row.coverageId));
      rows.push(this.view(row, patients.get(row.patientId)!, plans.get(row.coverageId)!));
    }
    return { rows, totalCount: page.totalCount, hasNextPage: page.hasNextPage };
  }

  /**
   * The patient's explanations of benefit, for their own export (`exportPatient`): nothing for
   * anyone else, whose export holds only the records they may read.
   */
  async explanationsForExport(actor: Actor | null, patientId: string): Promise<FhirResource[]> {
    if (!actor || !UUID.test(patientId)) return [];
    const [patient] = await this.deps.records.findPatients([patientId]);
    if (!patient || !this.isOwner(actor, patient)) return [];
    const page = await this.deps.store.pageClaims({ patientId }, null, MAX_EXPORTED_CLAIMS);
    const plans = new Map<string, { policyId: string; name: string }>();
    const out: FhirResource[] = [];
    for (const row of page.rows) {
      if (!plans.has(row.coverageId)) plans.set(row.coverageId, await this.plan(row.coverageId));
      out.push(this.view(row, patient, plans.get(row.coverageId)!).explanationOfBenefit);
    }
    return out;
  }

  /** The policy's insurer decides a claim in review: approve with what the plan pays, or reject with a note. */
  async reviewClaim(
    actor: Actor | null,
    input: { claimId: string; approve: boolean; planPays: number | null; note: string | null },
  ): Promise<ClaimView> {
    if (!actor) throw unauthenticated();
    const claimId = input.claimId.toLowerCase();
    const row = CLAIM_ID.test(claimId) ? await this.deps.store.claim(claimId) : null;
    if (!row) throw notFound("Claim");
    const patient = await this.patient(row.patientId);
    if (!hasRole(actor, "insurer") || !same(row.insurer, actor.address)) {
      await this.audit(actor, "claim.review", patient.id, "DENY", `claim ${row.id.slice(0, 10)}…: not its insurer`);
      if (!this.mayRead(actor, row, patient)) throw notFound("Claim");
      throw forbidden("only the claim's insurer reviews it");
    }
    const note = input.note?.trim() || null;
    if (note && note.length > 500) throw badInput("note: at most 500 characters");
    if (!input.approve && (!note || note.length < 5)) throw badInput("say why the claim is rejected (note, at least 5 characters)");
    const planPays = input.approve ? checkCents(input.planPays ?? row.billed - row.patientShare, "planPays") : 0;
    if (planPays > row.billed) throw badInput(`planPays cannot exceed what was billed (${row.billed} cents)`);
    if (row.status !== "REVIEW") throw conflict(`the claim is ${row.status.toLowerCase()}, not in review`);
    const intent = newIntent(INTENTS.decision, `decision:${row.id}`, {
      claimId: row.id,
      insurer: actor.address,
      approve: input.approve,
      planPays,
    });
    if (!(await this.deps.store.startDecision(row.id, actor.address, note, this.deps.clock(), intent))) {
      throw conflict("a decision on this claim is already under way or made");
    }
    await this.audit(
      actor,
      "claim.review",
      patient.id,
      "ALLOW",
      `claim ${row.id.slice(0, 10)}… ${input.approve ? "approved" : "rejected"}`,
    );
    await this.deps.outbox.settle(intent.id);
    return this.claimView((await this.deps.store.claim(row.id))!, patient);
  }
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (Number.isNaN(createdAt.getTime()) || !CLAIM_ID.test(id ?? "")) throw badInput("after is not a cursor from this list");
  return { createdAt, id };
}
