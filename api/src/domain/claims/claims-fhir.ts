/**
 * FHIR R4 in and out of the claims domain, with no I/O: a `Claim` becomes the items and cited
 * references the contract adjudicates; a `Coverage` becomes a period in days; an outcome
 * becomes a `ClaimResponse` and, for the patient, an `ExplanationOfBenefit`.
 *
 * Amounts are whole cents (the contract's unit); days are UTC days since 1970-01-01.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { REPO_ROOT } from "../../config/config";
import { badInput } from "../errors";
import type { FhirResource } from "../records/fhir";

/** contracts/deploy/claims.json: the record types a policy may require, and the reasons, in the contract's order. */
const NUMBERING = JSON.parse(readFileSync(path.join(REPO_ROOT, "contracts", "deploy", "claims.json"), "utf8")) as {
  recordTypes: string[];
  reasons: { code: string; meaning: string }[];
};
export const CLAIM_RECORD_TYPES: readonly string[] = NUMBERING.recordTypes;
export const CLAIM_REASONS: readonly { code: string; meaning: string }[] = NUMBERING.reasons;

export const MAX_CLAIM_ITEMS = 50;
export const MAX_CITED_RECORDS = 50;
const MAX_CODE_LENGTH = 31;
const DAY_MS = 86_400_000;

export const dayOf = (date: Date): number => Math.floor(date.getTime() / DAY_MS);
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** A code as the contract keys it: ASCII, at most 31 characters (bytes32, right-padded). */
export function checkCode(code: unknown, where: string): string {
  if (typeof code !== "string" || !/^[\x21-\x7e]{1,31}$/.test(code)) {
    throw badInput(`${where}: a code is 1 to ${MAX_CODE_LENGTH} printable ASCII characters`);
  }
  return code;
}

export interface ClaimItem {
  sequence: number;
  code: string;
  display: string | null;
  serviceDay: number;
  quantity: number;
  /** Cents. */
  amount: number;
}

export interface ParsedClaim {
  use: "claim" | "preauthorization";
  items: ClaimItem[];
  /** Items without an amount (a diagnosis line, an encounter line Synthea does not price): kept in the claim, not billed. */
  unpricedLines: number;
  currency: string;
  /** The records the claim cites: diagnoses, procedures, encounters and supporting information. */
  citations: Citation[];
  /** Insurance.preAuthRef, if the claim names its prior authorisation itself. */
  preAuthRef: string | null;
}

export interface Citation {
  /** The resource type, when the reference says it (`Procedure/…`); a `urn:uuid:` reference does not. */
  resourceType: string | null;
  fhirId: string;
  /** Where in the claim it is cited (`procedure[0]`, `supportingInfo[1]`). */
  where: string;
}

type Json = Record<string, unknown>;
const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const asObject = (value: unknown): Json | null => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null);

function parseDay(value: unknown, where: string): number | null {
  if (typeof value !== "string") return null;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw badInput(`${where} is not a date`);
  return dayOf(new Date(ms));
}

function money(value: unknown, where: string): { cents: number; currency: string } | null {
  const m = asObject(value);
  if (!m || m.value === undefined) return null;
  if (typeof m.value !== "number" || !Number.isFinite(m.value) || m.value < 0)
    throw badInput(`${where}.value must be a non-negative number`);
  const cents = Math.round(m.value * 100);
  if (!Number.isSafeInteger(cents) || cents > 2 ** 53 / 100) throw badInput(`${where}.value is too large`);
  return { cents, currency: typeof m.currency === "string" ? m.currency : "USD" };
}

/** `urn:uuid:X`, `Type/X` or `Type/X/_history/N` (the current version is cited either way). */
function parseReference(reference: unknown, where: string): Citation | null {
  const ref = asObject(reference)?.reference;
  if (typeof ref !== "string") return null;
  const urn = /^urn:uuid:([0-9a-fA-F-]{36})$/.exec(ref);
  if (urn) return { resourceType: null, fhirId: urn[1], where };
  const relative = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/\d+)?$/.exec(ref);
  if (relative) return { resourceType: relative[1], fhirId: relative[2], where };
  throw badInput(`${where}: cannot resolve the reference "${ref.slice(0, 80)}" (use urn:uuid:<id> or <Type>/<id>)`);
}

/**
 * The parts of a (validated) FHIR R4 Claim the contract needs. The service date of an item is
 * its own (`servicedDate`, `servicedPeriod.start`), else the claim's billable period, else its
 * creation date. The amount is `net`, else `unitPrice` × quantity.
 */
export function parseClaim(claim: FhirResource): ParsedClaim {
  if (claim.resourceType !== "Claim") throw badInput("claim must be a FHIR Claim");
  const use = claim.use;
  if (use !== "claim" && use !== "preauthorization") throw badInput('claim.use must be "claim" or "preauthorization"');
  const billable = asObject(claim.billablePeriod);
  const claimDay = parseDay(billable?.start, "claim.billablePeriod.start") ?? parseDay(claim.created, "claim.created");
  const items: ClaimItem[] = [];
  const currencies = new Set<string>();
  let unpricedLines = 0;
  const citations: Citation[] = [];
  const cite = (reference: unknown, where: string) => {
    const citation = parseReference(reference, where);
    if (citation) citations.push(citation);
  };
  const rawItems = asArray(claim.item);
  if (rawItems.length > MAX_CLAIM_ITEMS) throw badInput(`a claim has at most ${MAX_CLAIM_ITEMS} items`);
  rawItems.forEach((item, i) => {
    const where = `claim.item[${i}]`;
    const coding = asArray(asObject(item.productOrService)?.coding)[0];
    const quantityValue = asObject(item.quantity)?.value ?? 1;
    if (typeof quantityValue !== "number" || !Number.isInteger(quantityValue) || quantityValue < 1 || quantityValue > 1_000_000) {
      throw badInput(`${where}.quantity.value must be a whole number from 1`);
    }
    asArray(item.encounter).forEach((encounter, j) => cite(encounter, `${where}.encounter[${j}]`));
    const net = money(item.net, `${where}.net`);
    const unit = money(item.unitPrice, `${where}.unitPrice`);
    const priced = net ?? (unit ? { cents: unit.cents * quantityValue, currency: unit.currency } : null);
    if (!priced) {
      unpricedLines++;
      return;
    }
    currencies.add(priced.currency);
    const serviceDay =
      parseDay(item.servicedDate, `${where}.servicedDate`) ??
      parseDay(asObject(item.servicedPeriod)?.start, `${where}.servicedPeriod.start`);
    if (serviceDay === null && claimDay === null) throw badInput(`${where} has no service date, and the claim has no billable period`);
    items.push({
      sequence: typeof item.sequence === "number" ? item.sequence : i + 1,
      code: checkCode(coding?.code, `${where}.productOrService.coding[0].code`),
      display: typeof coding?.display === "string" ? coding.display : null,
      serviceDay: serviceDay ?? claimDay!,
      quantity: quantityValue,
      amount: priced.cents,
    });
  });
  if (items.length === 0) throw badInput("the claim has no priced item (item.net or item.unitPrice)");
  if (currencies.size > 1) throw badInput(`one currency per claim (found ${[...currencies].join(", ")})`);
  asArray(claim.diagnosis).forEach((d, i) => cite(d.diagnosisReference, `claim.diagnosis[${i}].diagnosisReference`));
  asArray(claim.procedure).forEach((p, i) => cite(p.procedureReference, `claim.procedure[${i}].procedureReference`));
  asArray(claim.supportingInfo).forEach((s, i) => cite(s.valueReference, `claim.supportingInfo[${i}].valueReference`));
  const unique = new Map(citations.map((c) => [c.fhirId, c]));
  if (unique.size > MAX_CITED_RECORDS) throw badInput(`a claim cites at most ${MAX_CITED_RECORDS} records`);
  const preAuthRef = asArray(claim.insurance)
    .flatMap((insurance) => (Array.isArray(insurance.preAuthRef) ? (insurance.preAuthRef as unknown[]) : []))
    .find((ref): ref is string => typeof ref === "string");
  return { use, items, unpricedLines, currency: [...currencies][0], citations: [...unique.values()], preAuthRef: preAuthRef ?? null };
}

export interface ParsedCoverage {
  policyId: string;
  startDay: number;
  endDay: number;
}

/** A FHIR Coverage's plan (class of type "plan": the policy id) and period (both ends required). */
export function parseCoverage(coverage: FhirResource): ParsedCoverage {
  if (coverage.resourceType !== "Coverage") throw badInput("coverage must be a FHIR Coverage");
  if (coverage.status !== "active") throw badInput('coverage.status must be "active"');
  const plan = asArray(coverage.class).find((c) => asArray(asObject(c.type)?.coding).some((coding) => coding.code === "plan"));
  if (!plan || typeof plan.value !== "string") throw badInput('coverage.class needs an entry of type "plan" whose value is the policy id');
  const period = asObject(coverage.period);
  const startDay = parseDay(period?.start, "coverage.period.start");
  const endDay = parseDay(period?.end, "coverage.period.end");
  if (startDay === null || endDay === null) throw badInput("coverage.period needs a start and an end");
  if (endDay < startDay) throw badInput("coverage.period ends before it starts");
  return { policyId: plan.value, startDay, endDay };
}

export type ClaimStatus = "SUBMITTED" | "APPROVED" | "REJECTED" | "REVIEW";

/** What FHIR outputs need to know about a claim. */
export interface ClaimFacts {
  id: string;
  use: "claim" | "preauthorization";
  status: ClaimStatus;
  reason: string;
  patientFhirId: string | null;
  provider: string;
  insurer: string;
  insurerName: string;
  coverageId: string;
  currency: string;
  items: ClaimItem[];
  billed: number;
  planPays: number;
  patientShare: number;
  decisionNote: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

const OUTCOME: Record<ClaimStatus, string> = { SUBMITTED: "queued", REVIEW: "queued", APPROVED: "complete", REJECTED: "error" };
const ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication";
const amount = (cents: number, currency: string) => ({ value: cents / 100, currency });
const category = (code: string, text?: string) => ({ coding: [{ system: ADJUDICATION, code }], ...(text ? { text } : {}) });

function disposition(facts: ClaimFacts): string {
  const meaning = CLAIM_REASONS.find((r) => r.code === facts.reason)?.meaning;
  switch (facts.status) {
    case "SUBMITTED":
      return "Submitted: waiting for the chain to adjudicate it";
    case "REVIEW":
      return `In review by the insurer: ${meaning}`;
    case "APPROVED":
      return facts.decisionNote ? `Approved after review: ${facts.decisionNote}` : "Approved under the policy's rules";
    case "REJECTED":
      return facts.decisionNote ? `Rejected after review: ${facts.decisionNote}` : `Rejected (${facts.reason}): ${meaning}`;
  }
}

const claimType = { coding: [{ system: "http://terminology.hl7.org/CodeSystem/claim-type", code: "professional" }] };

/** The insurer's answer to the provider (FHIR R4 ClaimResponse). */
export function claimResponse(facts: ClaimFacts): FhirResource {
  const decided = facts.status === "APPROVED" || facts.status === "REJECTED";
  return {
    resourceType: "ClaimResponse",
    id: `${facts.id.slice(2, 34)}`,
    status: "active",
    type: claimType,
    use: facts.use,
    patient: { reference: `Patient/${facts.patientFhirId ?? "unknown"}` },
    created: (facts.decidedAt ?? facts.createdAt).toISOString(),
    insurer: { display: facts.insurerName, identifier: { system: "urn:ietf:rfc:3986", value: `urn:ethereum:${facts.insurer}` } },
    request: { identifier: { system: "urn:medledger:claim", value: facts.id } },
    outcome: OUTCOME[facts.status],
    disposition: disposition(facts),
    ...(facts.use === "preauthorization" && facts.status === "APPROVED" ? { preAuthRef: facts.id } : {}),
    item: facts.items.map((item) => ({
      itemSequence: item.sequence,
      adjudication: [{ category: category("submitted"), amount: amount(item.amount, facts.currency) }],
    })),
    total: [
      { category: category("submitted"), amount: amount(facts.billed, facts.currency) },
      ...(decided ? [{ category: category("benefit"), amount: amount(facts.planPays, facts.currency) }] : []),
    ],
    ...(facts.status === "REJECTED"
      ? { error: [{ code: { coding: [{ system: "urn:medledger:claim-reason", code: facts.reason }] } }] }
      : {}),
  };
}

/** What the patient reads (FHIR R4 ExplanationOfBenefit): billed, paid by the plan, owed by them. */
export function explanationOfBenefit(facts: ClaimFacts): FhirResource {
  const decided = facts.status === "APPROVED" || facts.status === "REJECTED";
  const owed = facts.status === "APPROVED" ? facts.patientShare : facts.status === "REJECTED" ? facts.billed : 0;
  return {
    resourceType: "ExplanationOfBenefit",
    id: `${facts.id.slice(2, 34)}`,
    status: "active",
    type: claimType,
    use: facts.use,
    patient: { reference: `Patient/${facts.patientFhirId ?? "unknown"}` },
    created: (facts.decidedAt ?? facts.createdAt).toISOString(),
    insurer: { display: facts.insurerName },
    provider: { identifier: { system: "urn:ietf:rfc:3986", value: `urn:ethereum:${facts.provider}` } },
    claim: { identifier: { system: "urn:medledger:claim", value: facts.id } },
    outcome: OUTCOME[facts.status],
    disposition: disposition(facts),
    insurance: [{ focal: true, coverage: { reference: `Coverage/${facts.coverageId}` } }],
    item: facts.items.map((item) => ({
      sequence: item.sequence,
      productOrService: { coding: [{ code: item.code, ...(item.display ? { display: item.display } : {}) }] },
      servicedDate: dateOfDay(item.serviceDay),
      quantity: { value: item.quantity },
      net: amount(item.amount, facts.currency),
      adjudication: [{ category: category("submitted"), amount: amount(item.amount, facts.currency) }],
    })),
    total: [
      { category: category("submitted", "Billed"), amount: amount(facts.billed, facts.currency) },
      ...(decided
        ? [
            { category: category("benefit", "Paid by the plan"), amount: amount(facts.planPays, facts.currency) },
            { category: category("copay", "You owe"), amount: amount(owed, facts.currency) },
          ]
        : []),
    ],
    ...(decided && facts.status === "APPROVED" ? { payment: { amount: amount(facts.planPays, facts.currency) } } : {}),
  };
}
