import type { CohortService } from "../domain/research/cohort.service";
import type { ReleaseService } from "../domain/research/release.service";
import type { StudyService } from "../domain/studies/study.service";
import type { AccessLog } from "../domain/access/access-log";
import type { Actor } from "../domain/actors";
import type { AuthService } from "../domain/auth/auth.service";
import type { ChainOutbox } from "../domain/outbox/chain-outbox";
import type { AnchorService } from "../domain/anchoring/anchor.service";
import type { RoleAdminService } from "../domain/auth/role-admin.service";
import type { ChainSyncService } from "../domain/chain-sync.service";
import type { ClaimsService } from "../domain/claims/claims.service";
import type { ConsentService } from "../domain/consent/consent.service";
import type { CredentialService } from "../domain/credentials/credential.service";
import { unauthenticated, type DomainError } from "../domain/errors";
import type { HealthService } from "../domain/health.service";
import type { EnrollmentService } from "../domain/studies/enrollment.service";
import type { ClinicalRepository } from "../domain/records/clinical-repository";
import type { RecordStore } from "../domain/records/record-store";

/** The services a request may use; resolvers stay thin and call these. */
export interface Services {
  health: HealthService;
  auth: AuthService;
  roleAdmin: RoleAdminService;
  accessLog: AccessLog;
  recordStore: RecordStore;
  consent: ConsentService;
  anchors: AnchorService;
  outbox: ChainOutbox;
  chainSync: ChainSyncService;
  enrollment: EnrollmentService;
  credentials: CredentialService;
  studies: StudyService;
  cohorts: CohortService;
  releases: ReleaseService;
  claims: ClaimsService;
}

export interface RequestContext {
  services: Services;
  /** The signed-in caller, or null. */
  actor: Actor | null;
  /** Why the bearer token was refused, if one was sent. */
  authError: DomainError | null;
  /** The client's address (rate limits count anonymous callers by it). */
  ip: string;
  /** Clinical data access for this caller and this request. */
  clinical: ClinicalRepository;
}

export function requireActor(context: RequestContext): Actor {
  if (context.authError) throw context.authError;
  if (!context.actor) throw unauthenticated();
  return context.actor;
}
