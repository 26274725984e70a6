/**
 * Eligibility credentials. The patient's client makes a secret and sends only its commitment
 * Poseidon(secret) with `requestCredential`. An issuer then calls `issueCredential(patientId)`:
 * the attributes are derived from the patient's records held here (birth date, sex, region,
 * active conditions), signed with the issuer's BabyJubJub key (EdDSA-Poseidon), stored
 * encrypted for the patient, and returned. The secret never reaches the server.
 */
import { randomUUID } from "node:crypto";

import type { KeyRing } from "../../crypto/key-ring";
import { open, seal } from "../../crypto/key-ring";
import {
  ACTIVE_CONDITION_STATUSES,
  conditionSet,
  CREDENTIAL_CODE_SYSTEMS,
  credentialToJson,
  dayNumber,
  encodeCondition,
  ELIGIBILITY_PARAMS,
  regionOfZip,
  SEX_CODES,
  type Credential,
  type CredentialAttributes,
  type CredentialJson,
} from "../../zk/eligibility-encoding";
import type { AccessLog } from "../access/access-log";
import { hasRole, type Actor } from "../actors";
import { badInput, conflict, forbidden, notFound, unauthenticated } from "../errors";
import type { FhirResource } from "../records/fhir";
import type { RecordStore } from "../records/record-store";
import type { SystemRecordReader } from "../records/system-reader";

export interface CredentialStore {
  /** Saves the request; false, with nothing changed, when the patient's pinned commitment is another one. */
  saveRequest(patientId: string, commitment: string, at: Date): Promise<boolean>;
  /** Pins another commitment for the patient (the issuer's re-key), as a new request. */
  replaceCommitment(patientId: string, commitment: string, at: Date): Promise<void>;
  findRequest(patientId: string): Promise<{ commitment: string; requestedAt: Date } | null>;
  saveCredential(row: { id: string; patientId: string; issuer: string; sealed: Buffer; issuedAt: Date }): Promise<void>;
  credentialsOf(patientId: string): Promise<{ id: string; sealed: Buffer; issuedAt: Date }[]>;
  /** Requests with no credential issued since: the issuer's work queue, oldest first. */
  pendingRequests(): Promise<{ patientId: string; requestedAt: Date }[]>;
}

export interface CredentialSigner {
  /** The issuer's BabyJubJub public key. */
  publicKey(): Promise<[bigint, bigint]>;
  /** Poseidon(Ax, Ay): what TrustedIssuerRegistry and the circuit know the issuer by. */
  keyHash(): Promise<bigint>;
  sign(attributes: CredentialAttributes): Promise<Credential>;
}

const FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const VALID_DAYS = 365;

type Json = Record<string, unknown>;

/** The attributes a credential states, from the patient's current FHIR resources. */
export function attributesFromRecords(resources: FhirResource[], commitment: bigint, today: Date): CredentialAttributes {
  const patient = resources.find((r) => r.resourceType === "Patient") as Json | undefined;
  if (!patient || typeof patient.birthDate !== "string")
    throw badInput("the patient's records have no birth date: a credential cannot be issued");
  const gender = patient.gender as keyof typeof SEX_CODES | undefined;
  const zip = ((patient.address as Json[] | undefined)?.[0]?.postalCode as string | undefined) ?? "";
  // Every active coded condition, not a selection: a study's exclusions are checked against the whole list.
  const conditions = conditionSet(
    resources
      .filter((r) => r.resourceType === "Condition")
      .map((r) => r as Json)
      .filter((c) =>
        ACTIVE_CONDITION_STATUSES.has(String(((c.clinicalStatus as Json | undefined)?.coding as Json[] | undefined)?.[0]?.code)),
      )
      .flatMap((c) => ((c.code as Json | undefined)?.coding as Json[] | undefined) ?? [])
      .filter((coding) => CREDENTIAL_CODE_SYSTEMS.includes(String(coding.system)) && typeof coding.code === "string")
      .map((coding) => encodeCondition(String(coding.system), String(coding.code))),
  );
  const issued = dayNumber(today.toISOString().slice(0, 10));
  return {
    birthDays: dayNumber(patient.birthDate),
    sex: SEX_CODES[gender ?? "unknown"] ?? SEX_CODES.unknown,
    region: /^\d{3}/.test(zip) ? regionOfZip(zip) : 0,
    conditions,
    issuedDays: issued,
    expiresDays: issued + VALID_DAYS,
    commitment,
  };
}

/** A commitment is Poseidon(secret): a non-zero decimal field element. */
function checkCommitment(commitment: string): void {
  if (!/^\d{1,78}$/.test(commitment) || BigInt(commitment) === 0n || BigInt(commitment) >= FIELD) {
    throw badInput("commitment must be Poseidon(secret) as a decimal field element");
  }
}

export class CredentialService {
  constructor(
    private readonly store: CredentialStore,
    private readonly records: RecordStore,
    private readonly reader: SystemRecordReader,
    private readonly keys: KeyRing,
    private readonly signer: CredentialSigner,
    private readonly accessLog: AccessLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The patient asks for a credential, sending only the commitment to their secret. */
  async requestCredential(actor: Actor | null, commitment: string): Promise<Date> {
    if (!actor) throw unauthenticated();
    const patient = hasRole(actor, "patient") ? await this.records.findPatientByAccount(actor.address) : null;
    if (!patient) throw forbidden("only a patient with records asks for a credential");
    checkCommitment(commitment);
    const at = this.clock();
    // One pseudonym secret per patient: a second commitment would give the same person fresh nullifiers,
    // so a second enrollment in every study (or a new one after withdrawing).
    if (!(await this.store.saveRequest(patient.id, commitment, at))) {
      throw conflict(
        "you already have a pseudonym commitment with this issuer: re-derive your secret with the same wallet (or restore it); a lost wallet needs the issuer's audited re-key",
      );
    }
    await this.accessLog.record({
      actor: actor.address,
      patientId: patient.id,
      recordId: null,
      action: "credential.request",
      purpose: null,
      decision: "ALLOW",
      reason: "patient asked for a credential",
    });
    return at;
  }

  /**
   * The issuer replaces a patient's pinned commitment (a lost wallet, identity checked in person),
   * with the reason in the patient's access log. It cannot stop that person from joining a study
   * again under the new secret where the old pseudonym is still enrolled: nothing links the two.
   */
  async rekeyCredential(actor: Actor | null, patientId: string, commitment: string, reason: string): Promise<Date> {
    const { patient, log } = await this.issuerStep(
      actor,
      patientId,
      "credential.rekey",
      "only issuers re-key a patient's pseudonym commitment",
    );
    checkCommitment(commitment);
    const why = reason.trim();
    if (why.length < 10 || why.length > 500) throw badInput("reason must say why, in 10 to 500 characters");
    const at = this.clock();
    await this.store.replaceCommitment(patient.id, commitment, at);
    await log("ALLOW", why);
    return at;
  }

  /**
   * An issuer's step on one patient: the patient (NOT_FOUND), the caller an issuer (FORBIDDEN,
   * and the refusal in that patient's access log), and a logger for the step's outcome.
   */
  private async issuerStep(actor: Actor | null, patientId: string, action: string, refusal: string) {
    if (!actor) throw unauthenticated();
    const [patient] = /^[0-9a-f-]{36}$/i.test(patientId) ? await this.records.findPatients([patientId]) : [];
    const log = (decision: "ALLOW" | "DENY", reason: string) =>
      this.accessLog.record({ actor: actor.address, patientId: patient!.id, recordId: null, action, purpose: null, decision, reason });
    if (!hasRole(actor, "issuer")) {
      if (patient) await log("DENY", refusal);
      throw forbidden(refusal);
    }
    if (!patient) throw notFound("Patient");
    return { issuer: actor, patient, log };
  }

  async issueCredential(actor: Actor | null, patientId: string): Promise<CredentialJson> {
    const { issuer, patient, log } = await this.issuerStep(actor, patientId, "credential.issue", "only issuers issue credentials");
    const request = await this.store.findRequest(patient.id);
    if (!request) {
      await log("DENY", "the patient has not asked for a credential");
      throw badInput("the patient has not asked for a credential (requestCredential with their commitment)");
    }
    const resources = await this.reader.currentResources(patient.id, ["Patient", "Condition"]);
    const attributes = attributesFromRecords(resources, BigInt(request.commitment), this.clock());
    if (attributes.conditions.length > ELIGIBILITY_PARAMS.N_CONDITIONS) {
      // A shorter list would let the patient pass a study's exclusions; no credential rather than a partial one.
      const why = `the patient has ${attributes.conditions.length} distinct active coded conditions; a credential holds at most ${ELIGIBILITY_PARAMS.N_CONDITIONS}`;
      await log("DENY", why);
      throw badInput(why);
    }
    await log("ALLOW", `credential issued from the patient's records (${attributes.conditions.length} coded conditions)`);
    const credential = credentialToJson(await this.signer.sign(attributes));
    const id = randomUUID();
    const key = this.keys.unwrap(patient.id, patient.wrappedKey);
    await this.store.saveCredential({
      id,
      patientId: patient.id,
      issuer: issuer.address,
      sealed: seal(key, Buffer.from(JSON.stringify(credential)), `credential:${id}`),
      issuedAt: this.clock(),
    });
    return credential;
  }

  /** Issuer: patients waiting for a credential (ids and request times only). Audited. */
  async credentialRequests(actor: Actor | null): Promise<{ patientId: string; requestedAt: Date }[]> {
    if (!actor) throw unauthenticated();
    const log = (decision: "ALLOW" | "DENY", reason: string) =>
      this.accessLog.record({
        actor: actor.address,
        patientId: null,
        recordId: null,
        action: "credential.requests",
        purpose: null,
        decision,
        reason,
      });
    if (!hasRole(actor, "issuer")) {
      await log("DENY", "only issuers see credential requests");
      throw forbidden("only issuers see credential requests");
    }
    const pending = await this.store.pendingRequests();
    await log("ALLOW", `${pending.length} pending request(s)`);
    return pending;
  }

  /** The signed-in patient's credentials, newest first. */
  async myCredentials(actor: Actor | null): Promise<CredentialJson[]> {
    if (!actor) throw unauthenticated();
    const patient = await this.records.findPatientByAccount(actor.address);
    if (!patient) return [];
    const key = this.keys.unwrap(patient.id, patient.wrappedKey);
    return (await this.store.credentialsOf(patient.id))
      .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())
      .map((row) => JSON.parse(open(key, row.sealed, `credential:${row.id}`).toString("utf8")) as CredentialJson);
  }

  async issuer(): Promise<{ publicKey: [string, string]; keyHash: string }> {
    const [x, y] = await this.signer.publicKey();
    return { publicKey: [String(x), String(y)], keyHash: String(await this.signer.keyHash()) };
  }
}
