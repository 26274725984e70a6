import { GraphQLJSONObject } from "graphql-scalars";
import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";

import type { AccessEntry } from "../domain/access/access-log";
import type { InclusionProof } from "../domain/anchoring/anchor.service";
import { hasRole } from "../domain/actors";
import { DomainError, forbidden } from "../domain/errors";
import { badInput } from "../domain/errors";
import type { RecordView, VersionView } from "../domain/records/clinical-repository";
import { requireActor, type RequestContext } from "./context";
import { AccessDecision, PurposeOfUse, RecordLifecycle, toPurpose } from "./enums";
import {
  AccessLogConnection,
  AccessLogEntry,
  AccessLogVerification,
  AmendArgs,
  AnchoringStatus,
  CarePatientConnection,
  ClinicalRecord,
  ImportResult,
  IntegrityReport,
  ReasonArgs,
  RecordConnection,
  RecordsArgs,
  RecordVersion,
} from "./record.type";

const toRecord = (view: RecordView): ClinicalRecord => ({
  id: view.id,
  patientId: view.patientId,
  resourceType: view.resourceType,
  fhirId: view.fhirId,
  version: view.version,
  lifecycle: view.lifecycle as RecordLifecycle,
  author: view.author,
  createdAt: view.createdAt,
  updatedAt: view.updatedAt,
  ...view.fields,
  resource: view.resource,
});

const toVersion = (view: VersionView): RecordVersion => ({ ...view, lifecycle: view.lifecycle as RecordLifecycle });

const toEntry = (entry: AccessEntry, anchor: InclusionProof | null): AccessLogEntry => ({
  ...entry,
  purpose: entry.purpose as PurposeOfUse | null,
  decision: entry.decision as AccessDecision,
  anchor,
});

@Resolver()
export class RecordResolver {
  @Mutation(() => ClinicalRecord, {
    description: "Doctor: registers a patient from a FHIR Patient resource, optionally linked to the patient's account.",
  })
  async createPatient(
    @Arg("resource", () => GraphQLJSONObject) resource: object,
    @Arg("account", () => String, { nullable: true, description: "The patient's Ethereum address" }) account: string | null,
    @Ctx() context: RequestContext,
  ): Promise<ClinicalRecord> {
    requireActor(context);
    return toRecord(await context.clinical.createPatient(resource, account));
  }

  @Mutation(() => ClinicalRecord, { description: "Doctor: adds a FHIR R4 resource (validated) to a patient's records." })
  async createRecord(
    @Arg("patientId", () => ID) patientId: string,
    @Arg("resource", () => GraphQLJSONObject) resource: object,
    @Ctx() context: RequestContext,
  ): Promise<ClinicalRecord> {
    requireActor(context);
    return toRecord(await context.clinical.createRecord(patientId, resource));
  }

  @Mutation(() => ClinicalRecord, { description: "The author: stores a new version of the record; the old one stays in its history." })
  async amendRecord(@Args() { id, resource, reason }: AmendArgs, @Ctx() context: RequestContext): Promise<ClinicalRecord> {
    requireActor(context);
    return toRecord(await context.clinical.amendRecord(id, resource, reason ?? null));
  }

  @Mutation(() => ClinicalRecord, { description: "The author: retracts the record with a tombstone version. Nothing is deleted." })
  async retractRecord(@Args() { id, reason }: ReasonArgs, @Ctx() context: RequestContext): Promise<ClinicalRecord> {
    requireActor(context);
    return toRecord(await context.clinical.retractRecord(id, reason));
  }

  @Mutation(() => ImportResult, { description: "Doctor: imports a FHIR R4 transaction/collection Bundle (one Patient) as a new patient." })
  async importBundle(
    @Arg("bundle", () => GraphQLJSONObject) bundle: object,
    @Arg("patientAccount", () => String, { nullable: true, description: "The patient's Ethereum address" }) patientAccount: string | null,
    @Ctx() context: RequestContext,
  ): Promise<ImportResult> {
    requireActor(context);
    return context.clinical.importBundle(bundle, patientAccount);
  }

  @Query(() => ClinicalRecord, { description: "One record, if the caller may see it for this purpose; otherwise NOT_FOUND." })
  async record(
    @Arg("id", () => ID) id: string,
    @Arg("purpose", () => PurposeOfUse, { nullable: true }) purpose: PurposeOfUse | null,
    @Ctx() context: RequestContext,
  ): Promise<ClinicalRecord> {
    return toRecord(await context.clinical.getRecord(id, toPurpose(purpose)));
  }

  @Query(() => RecordConnection, { description: "A patient's records that the caller may see, newest first." })
  async records(
    @Args() { patientId, filter, purpose, first, after }: RecordsArgs,
    @Ctx() context: RequestContext,
  ): Promise<RecordConnection> {
    const page = await context.clinical.listRecords(patientId, filter ?? {}, toPurpose(purpose), first, after ?? null);
    return {
      edges: page.nodes.map((view) => ({ cursor: Buffer.from(`record:${view.id}`).toString("base64url"), node: toRecord(view) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @Query(() => CarePatientConnection, {
    description: "Doctor: your patients (records you wrote, a consent in force granted to you, or your break-glass access), by patient id.",
  })
  async myPatients(
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CarePatientConnection> {
    const page = await context.clinical.myPatients(first, after ?? null);
    return {
      edges: page.nodes.map((patient) => ({
        cursor: Buffer.from(`patient:${patient.patientId}`).toString("base64url"),
        node: { ...patient, id: patient.patientId },
      })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => [RecordVersion], { description: "Every version of a record, oldest first." })
  async recordHistory(
    @Arg("id", () => ID) id: string,
    @Arg("purpose", () => PurposeOfUse, { nullable: true }) purpose: PurposeOfUse | null,
    @Ctx() context: RequestContext,
  ): Promise<RecordVersion[]> {
    return (await context.clinical.history(id, toPurpose(purpose))).map(toVersion);
  }

  @Query(() => GraphQLJSONObject, {
    description:
      "The patient's current records that the caller may see, as a FHIR collection Bundle; the patient's own also holds their explanations of benefit.",
  })
  async exportPatient(
    @Arg("patientId", () => ID) patientId: string,
    @Arg("purpose", () => PurposeOfUse, { nullable: true }) purpose: PurposeOfUse | null,
    @Ctx() context: RequestContext,
  ): Promise<object> {
    const bundle = await context.clinical.exportPatient(patientId, toPurpose(purpose));
    // The patient's own export also carries their explanations of benefit (claims issue): exportable like their records.
    const explanations = await context.services.claims.explanationsForExport(context.actor, patientId);
    return explanations.length === 0
      ? bundle
      : {
          ...bundle,
          entry: [
            ...(bundle.entry as unknown[]),
            ...explanations.map((resource) => ({ fullUrl: `ExplanationOfBenefit/${resource.id}`, resource })),
          ],
        };
  }

  @Query(() => IntegrityReport, { description: "Recomputes the record's hash chain and names the first version that fails." })
  async verifyRecordIntegrity(@Arg("id", () => ID) id: string, @Ctx() context: RequestContext): Promise<IntegrityReport> {
    return context.clinical.verifyIntegrity(id);
  }

  @Query(() => AccessLogConnection, { description: "Patient: every access attempt on your data, newest first." })
  async accessLog(
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<AccessLogConnection> {
    requireActor(context);
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput("first must be between 1 and 500");
    const afterSeq = after == null ? null : Number(Buffer.from(after, "base64url").toString("utf8").replace(/^seq:/, ""));
    if (afterSeq !== null && !(Number.isSafeInteger(afterSeq) && afterSeq > 0)) throw badInput("after is not a cursor from this list");
    const patient = await context.clinical.myPatient();
    if (!patient) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const entries = await context.services.accessLog.forPatient(patient.id, afterSeq, first + 1);
    const nodes = entries.slice(0, first);
    const cursor = (entry: AccessEntry): string => Buffer.from(`seq:${entry.seq}`).toString("base64url");
    const proofs = await context.services.anchors.proofs(
      "accessLog",
      nodes.map((entry) => entry.seq),
    );
    return {
      edges: nodes.map((entry) => ({ cursor: cursor(entry), node: toEntry(entry, proofs.get(entry.seq) ?? null) })),
      pageInfo: { hasNextPage: entries.length > first, endCursor: nodes.length ? cursor(nodes.at(-1)!) : null },
    };
  }

  @Query(() => AccessLogVerification, {
    description:
      "Recomputes the whole access-log hash chain and every anchored batch against its on-chain root; names the first edited or missing entry, and says how many entries are not anchored yet (their integrity rests on the database alone until they are).",
  })
  async verifyAccessLog(@Ctx() context: RequestContext): Promise<AccessLogVerification> {
    requireActor(context);
    const unanchored = await context.services.anchors.pending("accessLog");
    const chain = await context.services.accessLog.verify();
    if (!chain.ok) return { ...chain, unanchored };
    // A rewrite that recomputes every hash keeps the chain consistent: the on-chain roots catch it.
    const anchored = await context.services.anchors.verify("accessLog");
    if (anchored.ok) return { ...chain, unanchored };
    return { ok: false, checked: chain.checked, firstBadSeq: anchored.firstBadSeq, problem: anchored.problem, unanchored };
  }

  @Query(() => AnchoringStatus, { description: "How many ledger entries still wait to be anchored on chain." })
  async anchoringStatus(@Ctx() context: RequestContext): Promise<AnchoringStatus> {
    requireActor(context);
    return this.status(context, 0);
  }

  private async status(context: RequestContext, anchoredBatches: number): Promise<AnchoringStatus> {
    const anchors = context.services.anchors;
    const writes = await context.services.outbox.counts();
    return {
      anchoredBatches,
      pendingRecordVersions: await anchors.pending("recordVersions"),
      pendingAccessLogEntries: await anchors.pending("accessLog"),
      pendingChainWrites: writes.pending,
      failedChainWrites: writes.failed,
    };
  }

  @Mutation(() => AnchoringStatus, {
    description: "Admin: anchor every pending ledger entry now instead of waiting for the background job.",
  })
  async anchorNow(@Ctx() context: RequestContext): Promise<AnchoringStatus> {
    const actor = requireActor(context);
    if (!hasRole(actor, "admin")) throw forbidden("only admins trigger anchoring");
    const anchors = context.services.anchors;
    const anchoredBatches = await anchors.anchorPending().catch((error: unknown) => {
      throw new DomainError(
        "UNAVAILABLE",
        `anchoring could not run now: ${error instanceof Error ? error.message.split("\n")[0] : "error"}`,
      );
    });
    return this.status(context, anchoredBatches);
  }
}
