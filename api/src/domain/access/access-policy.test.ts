/**
 * The access decision as a matrix: every action × every role × the caller's own patient or
 * another's. Consents and break-glass are covered by their own cases below.
 */
import { ROLES, type Actor, type Role } from "../actors";
import { decide, type AccessFacts, type ActiveConsent, type ClinicalAction } from "./access-policy";

const NOW = new Date("2026-01-01T12:00:00Z");
const ME = "0x1111111111111111111111111111111111111111";
const OTHER_DOCTOR = "0x2222222222222222222222222222222222222222";
const NO_FACTS: AccessFacts = { consents: [], breakGlass: [], authors: [] };

const actor = (role: Role): Actor => ({ address: ME, roles: new Set([role]) });
const ownPatient = { id: "p-own", accountAddress: ME };
const otherPatient = { id: "p-other", accountAddress: "0x3333333333333333333333333333333333333333" };
const record = (author: string, resourceType = "Condition") => ({ id: "r1", resourceType, author });

const READS: ClinicalAction[] = ["record.read", "record.list", "record.history", "record.verify", "patient.export"];
const WRITES: ClinicalAction[] = ["record.create", "record.amend", "record.retract", "patient.register", "bundle.import"];

/** Expected: [role][own|other] -> actions allowed (others' records authored by someone else, no consent). */
const EXPECTED: Record<Role, { own: ClinicalAction[]; other: ClinicalAction[] }> = {
  admin: { own: [], other: [] },
  patient: { own: [...READS, "accessLog.read"], other: [] },
  // No relationship in the matrix: a doctor may register new patients, not write into strangers' charts.
  doctor: { own: ["patient.register", "bundle.import"], other: ["patient.register", "bundle.import"] },
  issuer: { own: [], other: [] },
  researcher: { own: [], other: [] },
  ethicsBoard: { own: [], other: [] },
  // An insurer reads nothing without the patient's consent for payment.
  insurer: { own: [], other: [] },
};

describe("the access decision matrix", () => {
  const cases = ROLES.flatMap((role) =>
    (["own", "other"] as const).flatMap((whose) =>
      [...READS, ...WRITES, "accessLog.read" as const].map((action) => ({ role, whose, action })),
    ),
  );

  it.each(cases)("$role on $whose patient: $action", ({ role, whose, action }) => {
    const patient = whose === "own" ? ownPatient : otherPatient;
    const onRecord = ["record.read", "record.history", "record.verify", "record.amend", "record.retract", "record.create"].includes(action);
    const decision = decide(
      actor(role),
      { action, patient, record: onRecord ? record(OTHER_DOCTOR) : undefined, purpose: "TREAT", at: NOW },
      NO_FACTS,
    );
    expect(decision.allow).toBe(EXPECTED[role][whose].includes(action));
    expect(decision.reason).not.toBe("");
  });

  it("denies everything to a caller who is not signed in", () => {
    for (const action of [...READS, ...WRITES]) {
      expect(decide(null, { action, patient: ownPatient, purpose: "TREAT", at: NOW }, NO_FACTS)).toEqual({
        allow: false,
        reason: "unauthenticated",
      });
    }
  });
});

describe("doctors", () => {
  const doctor = actor("doctor");
  const facts = (overrides: Partial<AccessFacts>): AccessFacts => ({ ...NO_FACTS, ...overrides });
  const consent = (overrides: Partial<ActiveConsent> = {}): ActiveConsent => ({
    id: "c1",
    patientId: otherPatient.id,
    grantee: ME,
    resourceTypes: ["Condition", "Observation"],
    recordIds: [],
    purpose: "TREAT",
    expiresAt: new Date(NOW.getTime() + 3600_000),
    revokedAt: null,
    ...overrides,
  });
  const read = (resourceType: string, f: AccessFacts, purpose: "TREAT" | "ETREAT" | "HPAYMT" = "TREAT", author = OTHER_DOCTOR) =>
    decide(doctor, { action: "record.read", patient: otherPatient, record: record(author, resourceType), purpose, at: NOW }, f).allow;

  it("read what they authored for treatment, not for payment", () => {
    expect(read("Condition", facts({ authors: [ME] }), "TREAT", ME)).toBe(true);
    expect(read("Condition", facts({ authors: [ME] }), "HPAYMT", ME)).toBe(false);
  });

  it("read the resource types a consent covers, for its purpose only", () => {
    expect(read("Condition", facts({ consents: [consent()] }))).toBe(true);
    expect(read("Observation", facts({ consents: [consent()] }))).toBe(true);
    expect(read("MedicationRequest", facts({ consents: [consent()] }))).toBe(false);
    expect(read("Condition", facts({ consents: [consent()] }), "HPAYMT")).toBe(false);
  });

  it("lose access when the consent expires or is revoked, or belongs to someone else", () => {
    expect(read("Condition", facts({ consents: [consent({ expiresAt: NOW })] }))).toBe(false);
    expect(read("Condition", facts({ consents: [consent({ revokedAt: NOW })] }))).toBe(false);
    expect(read("Condition", facts({ consents: [consent({ grantee: OTHER_DOCTOR })] }))).toBe(false);
    expect(read("Condition", facts({ consents: [consent({ patientId: ownPatient.id })] }))).toBe(false);
  });

  it("read a single consented record id and nothing else of that type", () => {
    const f = facts({ consents: [consent({ resourceTypes: [], recordIds: ["r1"] })] });
    expect(read("MedicationRequest", f)).toBe(true);
    expect(
      decide(
        doctor,
        {
          action: "record.read",
          patient: otherPatient,
          record: { id: "r2", resourceType: "MedicationRequest", author: OTHER_DOCTOR },
          purpose: "TREAT",
          at: NOW,
        },
        f,
      ).allow,
    ).toBe(false);
  });

  it("break glass: the emergency profile for ETREAT until the grant expires", () => {
    const glass = { patientId: otherPatient.id, doctor: ME, expiresAt: new Date(NOW.getTime() + 60_000) };
    expect(read("AllergyIntolerance", facts({ breakGlass: [glass] }), "ETREAT")).toBe(true);
    expect(read("Observation", facts({ breakGlass: [glass] }), "ETREAT")).toBe(false);
    expect(read("AllergyIntolerance", facts({ breakGlass: [glass] }), "TREAT")).toBe(false);
    expect(read("AllergyIntolerance", facts({ breakGlass: [{ ...glass, expiresAt: NOW }] }), "ETREAT")).toBe(false);
  });

  it("need a purpose of use to read", () => {
    expect(decide(doctor, { action: "record.list", patient: otherPatient, purpose: null, at: NOW }, facts({ authors: [ME] }))).toEqual({
      allow: false,
      reason: "a purpose of use is required",
    });
  });

  const write = (resourceType: string, f: AccessFacts) =>
    decide(doctor, { action: "record.create", patient: otherPatient, record: record(ME, resourceType), purpose: "TREAT", at: NOW }, f);

  it("cannot write into the chart of a patient they have no relationship with (no fake reports)", () => {
    const decision = write("DiagnosticReport", NO_FACTS);
    expect(decision).toEqual({ allow: false, reason: expect.stringMatching(/no treatment relationship/) });
    // Another doctor's relationship is not theirs.
    expect(write("Condition", facts({ authors: [OTHER_DOCTOR], consents: [consent({ grantee: OTHER_DOCTOR })] })).allow).toBe(false);
  });

  it("write into a chart they already author (they registered or treated the patient)", () => {
    expect(write("DiagnosticReport", facts({ authors: [ME] })).allow).toBe(true);
  });

  it("write the resource types a TREAT consent covers, and only while it is active", () => {
    expect(write("Observation", facts({ consents: [consent()] })).allow).toBe(true);
    expect(write("MedicationRequest", facts({ consents: [consent()] })).allow).toBe(false);
    expect(write("Observation", facts({ consents: [consent({ purpose: "HPAYMT" })] })).allow).toBe(false);
    expect(write("Observation", facts({ consents: [consent({ revokedAt: NOW })] })).allow).toBe(false);
  });

  it("write the emergency profile's types after breaking the glass", () => {
    const glass = facts({ breakGlass: [{ patientId: otherPatient.id, doctor: ME, expiresAt: new Date(NOW.getTime() + 60_000) }] });
    expect(write("AllergyIntolerance", glass).allow).toBe(true);
    expect(write("DiagnosticReport", glass).allow).toBe(false);
  });

  it("amend and retract only what they authored", () => {
    for (const action of ["record.amend", "record.retract"] as const) {
      expect(decide(doctor, { action, patient: otherPatient, record: record(ME), purpose: "TREAT", at: NOW }, NO_FACTS).allow).toBe(true);
      expect(
        decide(doctor, { action, patient: otherPatient, record: record(OTHER_DOCTOR), purpose: "TREAT", at: NOW }, NO_FACTS).allow,
      ).toBe(false);
    }
  });
});

describe("insurers", () => {
  const insurer = actor("insurer");
  const payment = (overrides: Partial<ActiveConsent> = {}): ActiveConsent => ({
    id: "pay1",
    patientId: otherPatient.id,
    grantee: ME,
    resourceTypes: [],
    recordIds: ["r-cited"],
    purpose: "HPAYMT",
    expiresAt: new Date(NOW.getTime() + 3600_000),
    revokedAt: null,
    ...overrides,
  });
  const read = (id: string, consents: ActiveConsent[], purpose: "HPAYMT" | "TREAT" = "HPAYMT", action: ClinicalAction = "record.read") =>
    decide(
      insurer,
      { action, patient: otherPatient, record: { id, resourceType: "Procedure", author: OTHER_DOCTOR }, purpose, at: NOW },
      { ...NO_FACTS, consents },
    ).allow;

  it("reads exactly the records a payment consent names, for payment only", () => {
    expect(read("r-cited", [payment()])).toBe(true);
    expect(read("r-other", [payment()])).toBe(false);
    expect(read("r-cited", [payment()], "TREAT")).toBe(false);
    expect(read("r-cited", [payment({ purpose: "TREAT" })], "TREAT")).toBe(false);
    expect(read("r-cited", [payment({ revokedAt: NOW })])).toBe(false);
    expect(read("r-cited", [payment({ grantee: OTHER_DOCTOR })])).toBe(false);
  });

  it("lists only the consented scope, never authors' or break-glass scope, and never writes", () => {
    const list = decide(
      insurer,
      { action: "record.list", patient: otherPatient, purpose: "HPAYMT", at: NOW },
      { ...NO_FACTS, consents: [payment()] },
    );
    expect(list).toMatchObject({ allow: true, scope: { all: false, authoredBy: null, recordIds: new Set(["r-cited"]) } });
    const glass = { patientId: otherPatient.id, doctor: ME, expiresAt: new Date(NOW.getTime() + 60_000) };
    expect(read("r-cited", [], "HPAYMT")).toBe(false);
    expect(
      decide(
        insurer,
        { action: "record.read", patient: otherPatient, record: record(ME, "AllergyIntolerance"), purpose: "ETREAT", at: NOW },
        { consents: [], breakGlass: [glass], authors: [ME] },
      ).allow,
    ).toBe(false);
    expect(
      decide(
        insurer,
        { action: "accessLog.read", patient: otherPatient, purpose: "HPAYMT", at: NOW },
        { ...NO_FACTS, consents: [payment()] },
      ).allow,
    ).toBe(false);
  });
});
