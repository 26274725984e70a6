/**
 * The custodian's population as research sees it: per patient, the eligibility attributes
 * (as a credential would state them), the quasi-identifiers and the coded conditions. Read
 * through the SYSTEM record path by services that have already authorised and audited the
 * request (cohort counts, release preparation); never returned as is.
 */
import { attributesFromRecords } from "../credentials/credential.service";
import type { FhirResource } from "../records/fhir";
import type { CredentialAttributes } from "../../zk/eligibility-encoding";
import type { ParticipantData } from "./deidentify";

export interface PersonFacts {
  patientId: string;
  attributes: CredentialAttributes;
  birthDate: string;
  sex: string;
  postalCode: string;
  conditions: ParticipantData["conditions"];
}

export interface PopulationReader {
  patientIds(): Promise<string[]>;
  currentResources(patientId: string, resourceTypes: string[]): Promise<FhirResource[]>;
}

type Json = Record<string, unknown>;

/** Facts of one patient, or null when the records lack a birth date (such patients are never counted). */
export function factsOf(patientId: string, resources: FhirResource[], today: Date): PersonFacts | null {
  const patient = resources.find((r) => r.resourceType === "Patient") as Json | undefined;
  if (!patient || typeof patient.birthDate !== "string") return null;
  const conditions = resources
    .filter((r) => r.resourceType === "Condition")
    .flatMap((r) => {
      const c = r as Json;
      const coding = ((c.code as Json | undefined)?.coding as Json[] | undefined)?.[0];
      if (!coding || typeof coding.system !== "string" || typeof coding.code !== "string") return [];
      return [
        {
          system: coding.system,
          code: coding.code,
          display: typeof coding.display === "string" ? coding.display : undefined,
          onset: String(c.onsetDateTime ?? c.recordedDate ?? ""),
        },
      ];
    });
  return {
    patientId,
    attributes: attributesFromRecords(resources, 0n, today),
    birthDate: patient.birthDate,
    sex: typeof patient.gender === "string" ? patient.gender : "unknown",
    postalCode: String(((patient.address as Json[] | undefined)?.[0]?.postalCode as string | undefined) ?? ""),
    conditions,
  };
}

export async function readFacts(reader: PopulationReader, patientIds: readonly string[], today: Date): Promise<PersonFacts[]> {
  const facts: PersonFacts[] = [];
  for (const id of patientIds) {
    const person = factsOf(id, await reader.currentResources(id, ["Patient", "Condition"]), today);
    if (person) facts.push(person);
  }
  return facts;
}
