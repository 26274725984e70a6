/**
 * What a study proposal says, and how it is hashed for the chain. GA4GH Data Use Ontology
 * (DUO) codes state what the data may be used for; the custodian keeps the terms and the
 * protocol document, the chain keeps their hashes.
 */
import { RELEASE_FIELDS, type ReleaseField } from "../research/deidentify";
import { encodeCriteria, type StudyCriteria } from "../../zk/eligibility-encoding";
import { badInput } from "../errors";
import { contentHash, sha256Hex } from "../ledger-hash";

/** DUO data-use permissions: exactly one per study. DS takes the disease, e.g. DS-MONDO:0005148. */
export const DUO_PERMISSIONS: Record<string, string> = {
  NRES: "no restriction",
  GRU: "general research use",
  HMB: "health or medical or biomedical research",
  POA: "population origins or ancestry research only",
  DS: "disease-specific research",
};

/** DUO data-use modifiers; GS, MOR, TS and COL take a value after a dash (GS-EU, MOR-2027-06-01, TS-24, COL-ORG). */
export const DUO_MODIFIERS: Record<string, string> = {
  NPU: "not-for-profit use only",
  NCU: "non-commercial use only",
  PUB: "publication required",
  COL: "collaboration required",
  IRB: "ethics approval required",
  GS: "geographical restriction",
  MOR: "publication moratorium",
  RTN: "return to database or resource",
  US: "user-specific restriction",
  PS: "project-specific restriction",
  IS: "institution-specific restriction",
  TS: "time limit on use",
  GSO: "genetic studies only",
  NMDS: "no general methods research",
};

export const DEFAULT_MIN_COHORT_SIZE = 11;
const MAX_DP_BUDGET = 10;

export interface StudyTerms {
  title: string;
  purpose: string;
  dataUse: string[];
  requestedFields: ReleaseField[];
  minCohortSize: number;
  /** Total ε for cohort counts; null: no differential privacy, suppression only. */
  dpBudget: number | null;
  criteria: StudyCriteria;
  issuerKeyHash: string;
}

/** A DUO code in words, e.g. "DS-MONDO:0005148" -> "disease-specific research (MONDO:0005148)". */
export function describeDataUse(code: string): string {
  const [head, ...rest] = code.split("-");
  const value = rest.join("-");
  const label = DUO_PERMISSIONS[head] ?? DUO_MODIFIERS[head] ?? code;
  return value ? `${label} (${value})` : label;
}

/** Checks the terms a researcher wrote; throws BAD_USER_INPUT naming the first problem. */
export function validateTerms(terms: StudyTerms, protocol: string): void {
  const text = (value: string, name: string, max: number) => {
    if (!value.trim() || value.length > max) throw badInput(`${name} must be 1 to ${max} characters`);
  };
  text(terms.title, "title", 200);
  text(terms.purpose, "purpose", 4000);
  text(protocol, "protocol", 200_000);
  const permissions = terms.dataUse.filter((code) => code.split("-")[0] in DUO_PERMISSIONS);
  if (permissions.length !== 1) throw badInput("dataUse must hold exactly one DUO permission: NRES, GRU, HMB, POA or DS-<disease>");
  for (const code of terms.dataUse) {
    const [head, ...rest] = code.split("-");
    const needsValue = head === "DS" || head === "GS" || head === "MOR" || head === "TS" || head === "COL";
    const known = head in DUO_PERMISSIONS || head in DUO_MODIFIERS;
    if (!known || (needsValue && !/^[A-Za-z0-9:_.-]{1,64}$/.test(rest.join("-"))) || (!needsValue && rest.length > 0)) {
      throw badInput(`dataUse: ${code} is not a DUO code MedLedger knows (e.g. HMB, DS-MONDO:0005148, IRB, PUB, TS-24)`);
    }
  }
  if (new Set(terms.dataUse).size !== terms.dataUse.length) throw badInput("dataUse lists a code twice");
  if (!terms.requestedFields.length || terms.requestedFields.some((f) => !RELEASE_FIELDS.includes(f))) {
    throw badInput(`requestedFields must list some of ${RELEASE_FIELDS.join(", ")}`);
  }
  if (!Number.isInteger(terms.minCohortSize) || terms.minCohortSize < 2 || terms.minCohortSize > 1000) {
    throw badInput("minCohortSize (k) must be a whole number from 2 to 1000");
  }
  if (terms.dpBudget !== null && !(terms.dpBudget > 0 && terms.dpBudget <= MAX_DP_BUDGET)) {
    throw badInput(`dpBudget (total epsilon) must be above 0 and at most ${MAX_DP_BUDGET}, or left out`);
  }
  if (!/^\d{1,78}$/.test(terms.issuerKeyHash)) throw badInput("issuerKeyHash must be the decimal Poseidon hash of the issuer's key");
  try {
    encodeCriteria(terms.criteria);
  } catch (error) {
    throw badInput(`criteria: ${(error as Error).message}`);
  }
}

/** sha256 of the protocol document's text: what the chain holds as protocolHash. */
export const protocolHash = (protocol: string): string => `0x${sha256Hex(protocol)}`;

/** sha256 of the canonical JSON (RFC 8785) of the terms and the protocol hash: the chain's termsHash. */
export function termsHash(terms: StudyTerms, protocolHashHex: string): string {
  return `0x${contentHash({ ...terms, protocolHash: protocolHashHex })}`;
}
