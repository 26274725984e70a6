/**
 * The eligibility circuit's encodings, in one place for TypeScript (issuer, prover, API,
 * contracts' tests). circuits/src/eligibility.circom states the same rules; a test checks the
 * circuit's parameters and public-signal order against the constants here.
 *
 * Pure functions of their inputs: Poseidon comes in as an argument (circomlibjs in Node,
 * poseidon-lite in the research portal) and sha256 is @noble/hashes, so this module runs in
 * Node, in the browser and in the tests alike.
 */
import { sha256 } from "@noble/hashes/sha2";

/** The first 31 bytes of sha256(text) as a big-endian integer (below the BN254 field modulus). */
function sha256Field(text: string): bigint {
  const digest = sha256(new TextEncoder().encode(text));
  return BigInt(`0x${Array.from(digest.subarray(0, 31), (b) => b.toString(16).padStart(2, "0")).join("")}`);
}

/** Template parameters of `component main = Eligibility(...)`. */
export const ELIGIBILITY_PARAMS = { N_CONDITIONS: 256, N_REGIONS: 8, N_CRITERIA_CONDITIONS: 8, DAY_BITS: 20 } as const;

/** Public signals in snarkjs order (outputs first, then public inputs in declaration order). */
export const ELIGIBILITY_PUBLIC_SIGNALS = ["nullifier", "criteriaHash", "issuerKeyHash", "studyId", "proofDate"] as const;
export type EligibilityPublicSignal = (typeof ELIGIBILITY_PUBLIC_SIGNALS)[number];

/** Condition code systems a credential carries (and cohort counts match on). */
export const CREDENTIAL_CODE_SYSTEMS = ["http://snomed.info/sct", "http://hl7.org/fhir/sid/icd-10", "http://hl7.org/fhir/sid/icd-10-cm"];
/** Clinical statuses of a Condition that count as having it (credentials, cohort counts). */
export const ACTIVE_CONDITION_STATUSES = new Set(["active", "recurrence", "relapse"]);

/** Day numbers count days since this date (UTC), so 20th-century births stay positive. */
export const DAY_EPOCH = Date.UTC(1900, 0, 1);
const DAY_MS = 86_400_000;

export const SEX_CODES = { female: 1, male: 2, other: 3, unknown: 4 } as const;
export type Sex = keyof typeof SEX_CODES;

/** Day number of a date (a Date, or an ISO date/date-time string; the UTC calendar day counts). */
export function dayNumber(date: Date | string): number {
  const time = typeof date === "string" ? Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date) : date.getTime();
  if (Number.isNaN(time)) throw new Error(`not a date: ${String(date)}`);
  const days = Math.floor((time - DAY_EPOCH) / DAY_MS);
  if (days < 0 || days >= 2 ** ELIGIBILITY_PARAMS.DAY_BITS)
    throw new Error(`${String(date)} is outside the encodable range (1900-01-01 + 2^20 days)`);
  return days;
}

export function dateOfDayNumber(days: number): Date {
  return new Date(DAY_EPOCH + days * DAY_MS);
}

/** Region of a US ZIP code: its 3-digit prefix + 1 (so 0 can mean "none"). */
export function regionOfZip(zip: string): number {
  const prefix = /^(\d{3})/.exec(zip.trim())?.[1];
  if (!prefix) throw new Error(`not a ZIP code: ${zip}`);
  return Number(prefix) + 1;
}

/**
 * One field element per coded condition: the first 31 bytes of sha256("system|code") as a
 * big-endian integer, plus 1. Below the BN254 field modulus (2^248 + 1 < p), never 0 (0 marks
 * an empty slot), and collision-resistant (~124-bit).
 */
export function encodeCondition(system: string, code: string): bigint {
  return sha256Field(`${system}|${code}`) + 1n;
}

/**
 * Turns "age between minYears and maxYears (inclusive) on the reference date" into the
 * window of birth days [start, end] the circuit checks, so the circuit never sees calendars.
 * Someone is `a` years old on R when born in (R − (a+1) years, R − a years].
 */
export function ageWindow(minYears: number, maxYears: number, referenceDate: string): { windowStart: number; windowEnd: number } {
  if (!Number.isInteger(minYears) || !Number.isInteger(maxYears) || minYears < 0 || maxYears < minYears) {
    throw new Error("the age range must be whole years with 0 <= min <= max");
  }
  const reference = new Date(`${referenceDate.slice(0, 10)}T00:00:00Z`);
  const yearsBefore = (years: number): Date => {
    const date = new Date(reference);
    date.setUTCFullYear(reference.getUTCFullYear() - years);
    return date;
  };
  return { windowStart: dayNumber(yearsBefore(maxYears + 1)) + 1, windowEnd: dayNumber(yearsBefore(minYears)) };
}

/** Pads a list of codes to `slots` with zeros (empty slots); refuses lists that are too long. */
export function slots(values: readonly bigint[] | readonly number[], count: number, what: string): bigint[] {
  if (values.length > count) throw new Error(`at most ${count} ${what}`);
  return [...values.map((v) => BigInt(v)), ...Array<bigint>(count - values.length).fill(0n)];
}

/** Poseidon as circomlibjs builds it: field elements in, a field element out. */
export type PoseidonHash = (inputs: bigint[]) => bigint;

export interface CredentialAttributes {
  birthDays: number;
  sex: number;
  region: number;
  /**
   * ALL of the patient's active coded conditions (encodeCondition), at most N_CONDITIONS: the
   * circuit checks a study's exclusions against every one, so the list must be complete.
   */
  conditions: bigint[];
  issuedDays: number;
  expiresDays: number;
  /** Poseidon(secret), made by the patient's client. */
  commitment: bigint;
}

/** A condition list as credentials hold it: distinct codes, ascending (the issuer's canonical order). */
export function conditionSet(codes: Iterable<bigint>): bigint[] {
  return [...new Set(codes)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The credential's commitment to its whole condition list (the circuit's ConditionSetHash):
 * the list zero-padded to N_CONDITIONS slots, Poseidon(16) over each block of 16 slots, then
 * Poseidon over the block digests.
 */
export function conditionSetHash(poseidon: PoseidonHash, conditions: readonly bigint[]): bigint {
  const padded = slots(conditions, ELIGIBILITY_PARAMS.N_CONDITIONS, "conditions");
  const blocks: bigint[] = [];
  for (let i = 0; i < padded.length; i += 16) blocks.push(poseidon(padded.slice(i, i + 16)));
  return poseidon(blocks);
}

/** The message the issuer signs: Poseidon over the attributes, in circuit order. */
export function credentialMessage(poseidon: PoseidonHash, a: CredentialAttributes): bigint {
  return poseidon([
    BigInt(a.birthDays),
    BigInt(a.sex),
    BigInt(a.region),
    conditionSetHash(poseidon, a.conditions),
    BigInt(a.issuedDays),
    BigInt(a.expiresDays),
    a.commitment,
  ]);
}

export interface EncodedCriteria {
  windowStart: number;
  windowEnd: number;
  /** Bit (code − 1) set for each allowed sex code. */
  sexMask: number;
  /** Empty: any region. */
  regions: number[];
  /** Any of these (empty: no requirement). */
  required: bigint[];
  /** None of these. */
  excluded: bigint[];
}

export function sexMask(allowed: readonly Sex[]): number {
  return allowed.reduce((mask, sex) => mask | (1 << (SEX_CODES[sex] - 1)), 0);
}

export function criteriaHash(poseidon: PoseidonHash, c: EncodedCriteria): bigint {
  const { N_REGIONS, N_CRITERIA_CONDITIONS } = ELIGIBILITY_PARAMS;
  return poseidon([
    BigInt(c.windowStart),
    BigInt(c.windowEnd),
    BigInt(c.sexMask),
    poseidon(slots(c.regions, N_REGIONS, "regions")),
    poseidon(slots(c.required, N_CRITERIA_CONDITIONS, "required conditions")),
    poseidon(slots(c.excluded, N_CRITERIA_CONDITIONS, "excluded conditions")),
  ]);
}

export function issuerKeyHash(poseidon: PoseidonHash, publicKey: [bigint, bigint]): bigint {
  return poseidon(publicKey);
}

export function nullifierOf(poseidon: PoseidonHash, secret: bigint, studyId: bigint): bigint {
  return poseidon([secret, studyId]);
}

export interface Credential extends CredentialAttributes {
  issuerPublicKey: [bigint, bigint];
  signature: { R8: [bigint, bigint]; S: bigint };
}

/** The circuit input (all signals by name) for a credential, a secret and a study. */
export function eligibilityInput(
  poseidon: PoseidonHash,
  credential: Credential,
  secret: bigint,
  criteria: EncodedCriteria,
  studyId: bigint,
  proofDate: number,
): Record<string, bigint | bigint[]> {
  const { N_CONDITIONS, N_REGIONS, N_CRITERIA_CONDITIONS } = ELIGIBILITY_PARAMS;
  return {
    birthDays: BigInt(credential.birthDays),
    sex: BigInt(credential.sex),
    region: BigInt(credential.region),
    conditions: slots(credential.conditions, N_CONDITIONS, "conditions"),
    issuedDays: BigInt(credential.issuedDays),
    expiresDays: BigInt(credential.expiresDays),
    commitment: credential.commitment,
    issuerAx: credential.issuerPublicKey[0],
    issuerAy: credential.issuerPublicKey[1],
    sigR8x: credential.signature.R8[0],
    sigR8y: credential.signature.R8[1],
    sigS: credential.signature.S,
    secret,
    windowStart: BigInt(criteria.windowStart),
    windowEnd: BigInt(criteria.windowEnd),
    sexMask: BigInt(criteria.sexMask),
    regions: slots(criteria.regions, N_REGIONS, "regions"),
    required: slots(criteria.required, N_CRITERIA_CONDITIONS, "required conditions"),
    // The witness of "any of": a required code the patient has (0 when none is: then no proof exists).
    requiredMatch: criteria.required.find((code) => credential.conditions.includes(code)) ?? 0n,
    excluded: slots(criteria.excluded, N_CRITERIA_CONDITIONS, "excluded conditions"),
    criteriaHash: criteriaHash(poseidon, criteria),
    issuerKeyHash: issuerKeyHash(poseidon, credential.issuerPublicKey),
    studyId,
    proofDate: BigInt(proofDate),
  };
}

/**
 * A credential as a file or JSON value: field elements as decimal strings. Format 2 signs the
 * complete condition list (format 1 held at most 8 codes and is no longer accepted).
 */
export const CREDENTIAL_FORMAT = "medledger-eligibility-credential/2";

export interface CredentialJson {
  format: typeof CREDENTIAL_FORMAT;
  birthDays: number;
  sex: number;
  region: number;
  conditions: string[];
  issuedDays: number;
  expiresDays: number;
  commitment: string;
  issuerPublicKey: [string, string];
  signature: { R8: [string, string]; S: string };
}

export function credentialToJson(c: Credential): CredentialJson {
  return {
    format: CREDENTIAL_FORMAT,
    birthDays: c.birthDays,
    sex: c.sex,
    region: c.region,
    conditions: c.conditions.map(String),
    issuedDays: c.issuedDays,
    expiresDays: c.expiresDays,
    commitment: String(c.commitment),
    issuerPublicKey: [String(c.issuerPublicKey[0]), String(c.issuerPublicKey[1])],
    signature: { R8: [String(c.signature.R8[0]), String(c.signature.R8[1])], S: String(c.signature.S) },
  };
}

export function credentialFromJson(value: unknown): Credential {
  const c = value as Partial<CredentialJson>;
  if ((c?.format as string | undefined) === "medledger-eligibility-credential/1")
    throw new Error("this credential predates complete condition lists (format 1): ask your issuer for a new one");
  if (c?.format !== CREDENTIAL_FORMAT) throw new Error(`not a MedLedger eligibility credential (format ${CREDENTIAL_FORMAT})`);
  const big = (v: unknown, what: string): bigint => {
    if (typeof v !== "string" || !/^\d{1,78}$/.test(v)) throw new Error(`credential ${what} must be a decimal string`);
    return BigInt(v);
  };
  const day = (v: unknown, what: string): number => {
    if (!Number.isInteger(v) || (v as number) < 0) throw new Error(`credential ${what} must be a day number`);
    return v as number;
  };
  if (!Array.isArray(c.conditions) || c.conditions.length > ELIGIBILITY_PARAMS.N_CONDITIONS)
    throw new Error(`credential conditions must be a list of at most ${ELIGIBILITY_PARAMS.N_CONDITIONS} codes`);
  return {
    birthDays: day(c.birthDays, "birthDays"),
    sex: day(c.sex, "sex"),
    region: day(c.region, "region"),
    conditions: c.conditions.map((v, i) => big(v, `conditions[${i}]`)),
    issuedDays: day(c.issuedDays, "issuedDays"),
    expiresDays: day(c.expiresDays, "expiresDays"),
    commitment: big(c.commitment, "commitment"),
    issuerPublicKey: [big(c.issuerPublicKey?.[0], "issuerPublicKey"), big(c.issuerPublicKey?.[1], "issuerPublicKey")],
    signature: {
      R8: [big(c.signature?.R8?.[0], "signature"), big(c.signature?.R8?.[1], "signature")],
      S: big(c.signature?.S, "signature"),
    },
  };
}

/** A study's eligibility criteria in words, as researchers write them. */
export interface StudyCriteria {
  minAge: number;
  maxAge: number;
  /** ISO date the ages refer to. */
  referenceDate: string;
  sexes: Sex[];
  /** 3-digit ZIP prefixes; empty: any region. */
  zip3: string[];
  /** Coded conditions, at least one required (empty: none required). */
  anyOf: { system: string; code: string }[];
  /** Coded conditions that exclude. */
  noneOf: { system: string; code: string }[];
}

export function encodeCriteria(criteria: StudyCriteria): EncodedCriteria {
  if (!criteria.sexes.length || criteria.sexes.some((sex) => !(sex in SEX_CODES)))
    throw new Error("sexes must list female, male, other or unknown");
  return {
    ...ageWindow(criteria.minAge, criteria.maxAge, criteria.referenceDate),
    sexMask: sexMask(criteria.sexes),
    regions: criteria.zip3.map(regionOfZip),
    required: criteria.anyOf.map((c) => encodeCondition(c.system, c.code)),
    excluded: criteria.noneOf.map((c) => encodeCondition(c.system, c.code)),
  };
}

/**
 * The `action` a withdrawal proof (nullifier-ownership circuit) is bound to: the first 31
 * bytes of sha256("medledger:withdraw"). EligibilityEnrollment.WITHDRAW_ACTION is the same.
 */
export const WITHDRAW_ACTION = sha256Field("medledger:withdraw");

/**
 * The `action` of a data-sharing proof: the participant lets the custodian include their
 * de-identified data, under their pseudonym, in the study's releases. Bound to the patient's
 * account (first 31 bytes of sha256("medledger:share:<checksummed address>")), so a proof that
 * leaked cannot link the pseudonym to another account's records. Checked off chain only.
 */
export function shareAction(account: string): bigint {
  return sha256Field(`medledger:share:${account}`);
}

/**
 * Whether attributes satisfy encoded criteria: the circuit's predicates (birth-day window, sex
 * mask, regions any-of-or-empty, required any-of-or-empty, excluded none-of) in plain
 * TypeScript, for counting cohorts over the custodian's data. Credential validity dates are
 * not part of it. Empty condition slots (0) never match.
 */
export function meetsCriteria(a: Pick<CredentialAttributes, "birthDays" | "sex" | "region" | "conditions">, c: EncodedCriteria): boolean {
  const conditions = new Set(a.conditions.filter((x) => x !== 0n));
  return (
    a.birthDays >= c.windowStart &&
    a.birthDays <= c.windowEnd &&
    a.sex >= 1 &&
    (c.sexMask & (1 << (a.sex - 1))) !== 0 &&
    (c.regions.length === 0 || c.regions.includes(a.region)) &&
    (c.required.length === 0 || c.required.some((x) => conditions.has(x))) &&
    !c.excluded.some((x) => conditions.has(x))
  );
}
