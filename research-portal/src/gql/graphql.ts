/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AccessDecision =
  | 'ALLOW'
  | 'DENY';

export type AccessRequestInput = {
  patientId: string | number;
  purpose: PurposeOfUse;
  reason: string;
  recordIds?: Array<string | number>;
  resourceTypes?: Array<string>;
};

export type AccessRequestStatus =
  | 'DECLINED'
  | 'GRANTED'
  | 'PENDING';

/** A chain write goes through the API's outbox: committed in the database first (PENDING, already in force here), then mined (CONFIRMED), or refused by the contract (FAILED, with the reason). */
export type ChainWriteStatus =
  /** mined on chain */
  | 'CONFIRMED'
  /** the contract refused it; see chainError */
  | 'FAILED'
  /** committed here; waiting for the chain (retried until it answers) */
  | 'PENDING';

export type ClaimFilterInput = {
  patientId?: string | number | null | undefined;
  status?: ClaimStatus | null | undefined;
};

/** Where a claim stands: adjudicated on chain when it is mined. */
export type ClaimStatus =
  /** approved: planPays is what the plan pays, patientShare what the patient owes */
  | 'APPROVED'
  /** rejected: reason says why (README › Claims lists the reasons) */
  | 'REJECTED'
  /** outside the policy's automatic rules: the insurer decides (reviewClaim) */
  | 'REVIEW'
  /** saved here; waiting for the chain to adjudicate it */
  | 'SUBMITTED';

/** FHIR Claim.use: a claim, or a prior-authorisation request. */
export type ClaimUse =
  | 'CLAIM'
  | 'PREAUTHORIZATION';

export type CodingInput = {
  code: string;
  /** e.g. http://snomed.info/sct */
  system: string;
};

/** Dimensions a cohort count can be broken down by. */
export type CohortDimension =
  /** 10-year age bands today, 90+ grouped */
  | 'AGE_BAND'
  /** 3-digit ZIP (000 for small areas) */
  | 'REGION'
  /** administrative sex */
  | 'SEX';

/** What a patient consents to: who, which part of the records, why, until when. */
export type ConsentInput = {
  expiresAt: string;
  /** The doctor's address. */
  grantee: string;
  purpose: PurposeOfUse;
  /** Individual record ids. */
  recordIds?: Array<string | number>;
  /** The access request this consent answers. */
  requestId?: string | number | null | undefined;
  /** FHIR resource types, e.g. Condition, Observation. */
  resourceTypes?: Array<string>;
};

export type ConsentState =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REVOKED';

/** A coverage the patient registers is PROPOSED until the policy's insurer accepts it; the insurer's own is ACTIVE at once. */
export type CoverageState =
  | 'ACTIVE'
  | 'PROPOSED';

export type PolicyInput = {
  name: string;
  /** 1 to 31 letters, digits, dots, dashes or underscores; the plan value a Coverage names. */
  policyId: string;
  rules: Array<PolicyRuleInput>;
};

export type PolicyRuleInput = {
  code: string;
  /** 0 to 100, at most two decimals. */
  coinsurancePercent?: number;
  /** Cents the patient pays per item first. */
  copay?: number;
  covered?: boolean;
  display?: string | null | undefined;
  /** Cents; 0: no limit. */
  maxPerClaim?: number;
  /** Cents over periodDays; 0: no limit. */
  maxPerPeriod?: number;
  periodDays?: number;
  priorAuthRequired?: boolean;
  requiredRecordTypes?: Array<string>;
};

/** HL7 v3 ActReason purpose of use, stated with every read and recorded in the access log. */
export type PurposeOfUse =
  /** emergency treatment (break-glass) */
  | 'ETREAT'
  /** healthcare operations */
  | 'HOPERAT'
  /** healthcare payment */
  | 'HPAYMT'
  /** healthcare research */
  | 'HRESCH'
  /** patient requested */
  | 'PATRQT'
  /** public health */
  | 'PUBHLTH'
  /** treatment */
  | 'TREAT';

/** A retracted record keeps its history; its current version is a tombstone. */
export type RecordLifecycle =
  | 'ACTIVE'
  | 'RETRACTED';

/** Fields a study may request in its de-identified releases. */
export type ReleaseField =
  /** age in 10-year bands, 90+ grouped (generalised further if k-anonymity needs it) */
  | 'ageBand'
  /** coded conditions with onset year only */
  | 'conditions'
  /** 3-digit ZIP (000 for small areas; generalised further if k-anonymity needs it) */
  | 'region'
  /** administrative sex */
  | 'sex';

export type ReleaseFormat =
  /** one row per participant */
  | 'CSV'
  /** a FHIR R4 collection Bundle of de-identified Patients and Conditions */
  | 'FHIR'
  /** the manifest and the rows */
  | 'JSON';

/** A release's status on chain (ReleaseRegistry). */
export type ReleaseStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

export type ReviewClaimInput = {
  approve: boolean;
  claimId: string | number;
  /** Why (required to reject; 5–500 characters). */
  note?: string | null | undefined;
  /** Cents the plan pays when approving (default: billed minus the patient's share). */
  planPays?: number | null | undefined;
};

/** MedLedger roles; the RoleRegistry contract is the source of truth. */
export type Role =
  | 'ADMIN'
  | 'DOCTOR'
  | 'ETHICS_BOARD'
  | 'INSURER'
  | 'ISSUER'
  | 'PATIENT'
  | 'RESEARCHER';

export type Sex =
  | 'female'
  | 'male'
  | 'other'
  | 'unknown';

/** Eligibility criteria in words; the API encodes them as the circuit does. */
export type StudyCriteriaInput = {
  /** At least one of these conditions (empty: none required). */
  anyOf: Array<CodingInput>;
  maxAge: number;
  minAge: number;
  /** None of these conditions. */
  noneOf: Array<CodingInput>;
  /** ISO date (YYYY-MM-DD) the ages refer to. */
  referenceDate: string;
  sexes: Array<Sex>;
  /** 3-digit ZIP prefixes; empty: any region. */
  zip3: Array<string>;
};

/** A study proposal: the terms the ethics board votes on. Their hashes go on chain. */
export type StudyProposalInput = {
  criteria: StudyCriteriaInput;
  /** GA4GH DUO codes: one permission (NRES, GRU, HMB, POA, DS-<disease>) and any modifiers (IRB, PUB, NPU, TS-<months>, ...). */
  dataUse: Array<string>;
  /** Total differential-privacy budget (epsilon) for cohort counts; leave out for none. */
  dpBudget?: number | null | undefined;
  /** Trusted issuer's key hash; defaults to this custodian's issuer. */
  issuerKeyHash?: string | null | undefined;
  /** Minimum cohort size k: smaller counts are suppressed, releases are k-anonymous. */
  minCohortSize?: number;
  /** The protocol document (text or Markdown). Kept here; its sha256 goes on chain. */
  protocol: string;
  purpose: string;
  requestedFields: Array<ReleaseField>;
  title: string;
};

/** A study's status on chain (StudyRegistry). Enrollment is open only while APPROVED. */
export type StudyStatus =
  /** approved by the quorum: enrollment and releases allowed */
  | 'APPROVED'
  /** ended for good */
  | 'CLOSED'
  /** waiting for the ethics board's votes on the current version */
  | 'PROPOSED'
  /** rejected by the quorum (the researcher may amend it) */
  | 'REJECTED'
  /** paused by the ethics board: no enrollment, no downloads */
  | 'SUSPENDED';

export type SubmitClaimInput = {
  /** A FHIR R4 Claim (use claim or preauthorization). */
  claim: Record<string, unknown>;
  coverageId: string | number;
  patientId: string | number;
  /** The approved prior authorisation this claim relies on (else Claim.insurance.preAuthRef). */
  priorAuthorizationId?: string | number | null | undefined;
};

export type IssuerQueryVariables = Exact<{ [key: string]: never; }>;


export type IssuerQuery = { issuer: { keyHash: string, trusted: boolean } };

export type TrustIssuerMutationVariables = Exact<{
  keyHash: string;
  issuer: string;
}>;


export type TrustIssuerMutation = { trustIssuer: boolean };

export type UntrustIssuerMutationVariables = Exact<{
  keyHash: string;
}>;


export type UntrustIssuerMutation = { untrustIssuer: boolean };

export type GrantRoleMutationVariables = Exact<{
  address: string;
  role: Role;
}>;


export type GrantRoleMutation = { grantRole: { address: string } };

export type RevokeRoleMutationVariables = Exact<{
  address: string;
  role: Role;
}>;


export type RevokeRoleMutation = { revokeRole: { address: string } };

export type ChainIdQueryVariables = Exact<{ [key: string]: never; }>;


export type ChainIdQuery = { health: { chain: { chainId: string } } };

export type ClaimFieldsFragment = { id: string, patientId: string, policyId: string, use: ClaimUse, status: ClaimStatus, reason: string, reasonText: string, billed: number, planPays: number, patientShare: number, currency: string, createdAt: string, txHash: string | null, chainStatus: ChainWriteStatus, decisionNote: string | null, decisionStatus: ChainWriteStatus | null, explanationOfBenefit: Record<string, unknown>, items: Array<{ code: string, display: string | null, serviceDate: string, amount: number }>, evidence: Array<{ recordId: string, resourceType: string, version: number, where: string, intact: boolean }> };

export type ClaimsQueryVariables = Exact<{
  filter?: ClaimFilterInput | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type ClaimsQuery = { claims: { totalCount: number, edges: Array<{ node: { id: string, patientId: string, policyId: string, use: ClaimUse, status: ClaimStatus, reason: string, reasonText: string, billed: number, planPays: number, patientShare: number, currency: string, createdAt: string, txHash: string | null, chainStatus: ChainWriteStatus, decisionNote: string | null, decisionStatus: ChainWriteStatus | null, explanationOfBenefit: Record<string, unknown>, items: Array<{ code: string, display: string | null, serviceDate: string, amount: number }>, evidence: Array<{ recordId: string, resourceType: string, version: number, where: string, intact: boolean }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ClaimInputsQueryVariables = Exact<{
  patientId: string | number;
}>;


export type ClaimInputsQuery = { coverage: Array<{ id: string, policyId: string, start: string, end: string }>, records: { edges: Array<{ node: { id: string, resource: Record<string, unknown> | null } }> } };

export type SubmitClaimMutationVariables = Exact<{
  input: SubmitClaimInput;
}>;


export type SubmitClaimMutation = { submitClaim: { id: string, patientId: string, policyId: string, use: ClaimUse, status: ClaimStatus, reason: string, reasonText: string, billed: number, planPays: number, patientShare: number, currency: string, createdAt: string, txHash: string | null, chainStatus: ChainWriteStatus, decisionNote: string | null, decisionStatus: ChainWriteStatus | null, explanationOfBenefit: Record<string, unknown>, items: Array<{ code: string, display: string | null, serviceDate: string, amount: number }>, evidence: Array<{ recordId: string, resourceType: string, version: number, where: string, intact: boolean }> } };

export type ReviewClaimMutationVariables = Exact<{
  input: ReviewClaimInput;
}>;


export type ReviewClaimMutation = { reviewClaim: { id: string, patientId: string, policyId: string, use: ClaimUse, status: ClaimStatus, reason: string, reasonText: string, billed: number, planPays: number, patientShare: number, currency: string, createdAt: string, txHash: string | null, chainStatus: ChainWriteStatus, decisionNote: string | null, decisionStatus: ChainWriteStatus | null, explanationOfBenefit: Record<string, unknown>, items: Array<{ code: string, display: string | null, serviceDate: string, amount: number }>, evidence: Array<{ recordId: string, resourceType: string, version: number, where: string, intact: boolean }> } };

export type PoliciesQueryVariables = Exact<{ [key: string]: never; }>;


export type PoliciesQuery = { policies: Array<{ id: string, version: number, name: string, chainStatus: ChainWriteStatus, txHash: string | null, rules: Array<{ code: string, display: string | null, covered: boolean, priorAuthRequired: boolean, requiredRecordTypes: Array<string>, periodDays: number, maxPerClaim: number, maxPerPeriod: number, copay: number, coinsurancePercent: number }> }> };

export type PublishPolicyMutationVariables = Exact<{
  input: PolicyInput;
}>;


export type PublishPolicyMutation = { publishPolicy: { id: string, version: number, chainStatus: ChainWriteStatus } };

export type AskForClaimRecordsMutationVariables = Exact<{
  input: AccessRequestInput;
}>;


export type AskForClaimRecordsMutation = { requestAccess: { id: string } };

export type RecordForPaymentQueryVariables = Exact<{
  id: string | number;
}>;


export type RecordForPaymentQuery = { record: { id: string, resourceType: string, display: string | null, effectiveAt: string | null } };

export type CoverageRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type CoverageRequestsQuery = { coverageRequests: Array<{ id: string, patientId: string, policyId: string, start: string, end: string, createdAt: string }> };

export type AcceptCoverageMutationVariables = Exact<{
  id: string | number;
}>;


export type AcceptCoverageMutation = { acceptCoverage: { id: string, state: CoverageState, chainStatus: ChainWriteStatus } };

export type MyCoverageQueryVariables = Exact<{
  patientId: string | number;
}>;


export type MyCoverageQuery = { coverage: Array<{ id: string, policyId: string, start: string, end: string, state: CoverageState, chainStatus: ChainWriteStatus }> };

export type RegisterCoverageMutationVariables = Exact<{
  patientId: string | number;
  coverage: Record<string, unknown>;
}>;


export type RegisterCoverageMutation = { registerCoverage: { id: string, state: CoverageState } };

export type ClaimsPatientQueryVariables = Exact<{ [key: string]: never; }>;


export type ClaimsPatientQuery = { me: { patientId: string | null } };

export type CohortQuoteQueryVariables = Exact<{
  studyId: string;
  breakdown: Array<CohortDimension> | CohortDimension;
  epsilon?: number | null | undefined;
}>;


export type CohortQuoteQuery = { cohortQuote: { cost: number, cached: boolean, budget: number | null, spent: number, remaining: number | null, fits: boolean } };

export type CohortCountQueryVariables = Exact<{
  studyId: string;
  breakdown: Array<CohortDimension> | CohortDimension;
  epsilon?: number | null | undefined;
}>;


export type CohortCountQuery = { cohortCount: { k: number, breakdown: Array<CohortDimension>, suppressedCells: number, cached: boolean, total: { value: number | null, display: string }, cells: Array<{ ageBand: string | null, sex: string | null, region: string | null, count: { value: number | null, display: string, suppressed: boolean } }>, privacy: { epsilon: number, spent: number, remaining: number, budget: number } | null } };

export type MyPatientsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type MyPatientsQuery = { myPatients: { edges: Array<{ node: { id: string, name: string | null, birthDate: string | null, gender: string | null, authored: boolean, consentUntil: string | null, breakGlassUntil: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RequestAccessMutationVariables = Exact<{
  input: AccessRequestInput;
}>;


export type RequestAccessMutation = { requestAccess: { id: string, status: AccessRequestStatus } };

export type BreakGlassMutationVariables = Exact<{
  patientId: string | number;
  reason: string;
}>;


export type BreakGlassMutation = { breakGlass: { id: string, expiresAt: string } };

export type MyEmergencyAccessesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyEmergencyAccessesQuery = { emergencyAccesses: Array<{ id: string, doctor: string, reason: string, at: string, expiresAt: string, active: boolean, txHash: string | null, chainStatus: ChainWriteStatus }> };

export type StudyVotesQueryVariables = Exact<{
  studyId: string;
}>;


export type StudyVotesQuery = { studyVotes: Array<{ member: string, approve: boolean, txHash: string }> };

export type ReleaseReviewQueryVariables = Exact<{
  releaseId: string;
}>;


export type ReleaseReviewQuery = { releaseReview: { datasetMatches: boolean, nullifierRootMatches: boolean, manifestMatchesChain: boolean, preview: Array<Record<string, unknown>>, votes: Array<{ member: string, approve: boolean, txHash: string }>, enrollments: Array<{ nullifier: string, txHash: string, blockNumber: number | null, proofVerifies: boolean, enrolledOnChain: boolean, signalsMatchStudy: boolean }> } };

export type PrepareStudyVoteMutationVariables = Exact<{
  studyId: string;
  approve: boolean;
}>;


export type PrepareStudyVoteMutation = { prepareStudyVote: { typedData: Record<string, unknown> } };

export type CastStudyVoteMutationVariables = Exact<{
  studyId: string;
  approve: boolean;
  signature: string;
}>;


export type CastStudyVoteMutation = { castStudyVote: { status: StudyStatus } };

export type PrepareReleaseVoteMutationVariables = Exact<{
  releaseId: string;
  approve: boolean;
}>;


export type PrepareReleaseVoteMutation = { prepareReleaseVote: { typedData: Record<string, unknown> } };

export type CastReleaseVoteMutationVariables = Exact<{
  releaseId: string;
  approve: boolean;
  signature: string;
}>;


export type CastReleaseVoteMutation = { castReleaseVote: { status: ReleaseStatus } };

export type SuspendStudyMutationVariables = Exact<{
  studyId: string;
}>;


export type SuspendStudyMutation = { suspendStudy: { status: StudyStatus } };

export type ResumeStudyMutationVariables = Exact<{
  studyId: string;
}>;


export type ResumeStudyMutation = { resumeStudy: { status: StudyStatus } };

export type CredentialRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type CredentialRequestsQuery = { credentialRequests: Array<{ patientId: string, requestedAt: string }> };

export type IssueCredentialMutationVariables = Exact<{
  patientId: string | number;
}>;


export type IssueCredentialMutation = { issueCredential: Record<string, unknown> };

export type MyParticipationQueryVariables = Exact<{ [key: string]: never; }>;


export type MyParticipationQuery = { myCredentials: Array<Record<string, unknown>>, mySharedStudies: Array<string> };

export type EnrollmentStatusQueryVariables = Exact<{
  studyId: string;
  nullifier: string;
}>;


export type EnrollmentStatusQuery = { enrollmentStatus: { enrolled: boolean, withdrawn: boolean } };

export type RequestCredentialMutationVariables = Exact<{
  commitment: string;
}>;


export type RequestCredentialMutation = { requestCredential: string };

export type EnrollMutationVariables = Exact<{
  studyId: string;
  proof: Record<string, unknown>;
  publicSignals: Array<string> | string;
}>;


export type EnrollMutation = { enroll: { nullifier: string } };

export type ShareWithStudyMutationVariables = Exact<{
  studyId: string;
  proof: Record<string, unknown>;
  publicSignals: Array<string> | string;
}>;


export type ShareWithStudyMutation = { shareWithStudy: { nullifier: string } };

export type WithdrawMutationVariables = Exact<{
  studyId: string;
  proof: Record<string, unknown>;
  publicSignals: Array<string> | string;
}>;


export type WithdrawMutation = { withdraw: { nullifier: string } };

export type MyPatientIdQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPatientIdQuery = { me: { patientId: string | null } };

export type MyConsentsQueryVariables = Exact<{
  patientId: string | number;
}>;


export type MyConsentsQuery = { consents: Array<{ id: string, grantee: string, resourceTypes: Array<string>, recordIds: Array<string>, purpose: PurposeOfUse, expiresAt: string, state: ConsentState, chainStatus: ChainWriteStatus }>, accessRequests: Array<{ id: string, requester: string, resourceTypes: Array<string>, recordIds: Array<string>, purpose: PurposeOfUse, reason: string, status: AccessRequestStatus, createdAt: string }> };

export type PrepareConsentMutationVariables = Exact<{
  input: ConsentInput;
}>;


export type PrepareConsentMutation = { prepareConsent: { typedData: Record<string, unknown>, nonce: string } };

export type GrantConsentMutationVariables = Exact<{
  input: ConsentInput;
  nonce: string;
  signature: string;
}>;


export type GrantConsentMutation = { grantConsent: { id: string, state: ConsentState } };

export type DeclineAccessRequestMutationVariables = Exact<{
  id: string | number;
}>;


export type DeclineAccessRequestMutation = { declineAccessRequest: { id: string, status: AccessRequestStatus } };

export type PrepareRevocationMutationVariables = Exact<{
  consentId: string | number;
}>;


export type PrepareRevocationMutation = { prepareRevocation: { typedData: Record<string, unknown>, deadline: number } };

export type RevokeConsentMutationVariables = Exact<{
  consentId: string | number;
  deadline: number;
  signature: string;
}>;


export type RevokeConsentMutation = { revokeConsent: { id: string, state: ConsentState } };

export type MyAccessLogQueryVariables = Exact<{
  first: number;
}>;


export type MyAccessLogQuery = { accessLog: { edges: Array<{ node: { seq: number, at: string, actor: string | null, action: string, purpose: PurposeOfUse | null, decision: AccessDecision, reason: string, entryHash: string, anchor: { batchIndex: number, root: string, proof: Array<string>, txHash: string } | null } }> } };

export type RecordDetailQueryVariables = Exact<{
  id: string | number;
  purpose?: PurposeOfUse | null | undefined;
}>;


export type RecordDetailQuery = { record: { id: string, fhirId: string, resourceType: string, display: string | null, code: string | null, codeSystem: string | null, clinicalStatus: string | null, effectiveAt: string | null, valueQuantity: number | null, valueUnit: string | null, version: number, lifecycle: RecordLifecycle, author: string, resource: Record<string, unknown> | null }, recordHistory: Array<{ version: number, lifecycle: RecordLifecycle, author: string, reason: string | null, createdAt: string, contentHash: string }> };

export type VerifyRecordQueryVariables = Exact<{
  id: string | number;
}>;


export type VerifyRecordQuery = { verifyRecordIntegrity: { ok: boolean, firstBadVersion: number | null, versions: Array<{ version: number, ok: boolean, problem: string | null, anchorTx: string | null }> } };

export type CreateRecordMutationVariables = Exact<{
  patientId: string | number;
  resource: Record<string, unknown>;
}>;


export type CreateRecordMutation = { createRecord: { id: string, version: number } };

export type AmendRecordMutationVariables = Exact<{
  id: string | number;
  resource: Record<string, unknown>;
  reason?: string | null | undefined;
}>;


export type AmendRecordMutation = { amendRecord: { id: string, version: number } };

export type PatientChartQueryVariables = Exact<{
  patientId: string | number;
  purpose?: PurposeOfUse | null | undefined;
  types?: Array<string> | string | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type PatientChartQuery = { records: { totalCount: number, edges: Array<{ node: { id: string, resourceType: string, display: string | null, code: string | null, clinicalStatus: string | null, effectiveAt: string | null, valueQuantity: number | null, valueUnit: string | null, version: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ProposeStudyMutationVariables = Exact<{
  input: StudyProposalInput;
}>;


export type ProposeStudyMutation = { proposeStudy: { studyId: string } };

export type PrepareReleaseMutationVariables = Exact<{
  studyId: string;
}>;


export type PrepareReleaseMutation = { prepareRelease: { releaseId: string } };

export type DownloadReleaseQueryVariables = Exact<{
  releaseId: string;
  format: ReleaseFormat;
}>;


export type DownloadReleaseQuery = { release: { content: string } };

export type AuthChallengeMutationVariables = Exact<{
  address: string;
}>;


export type AuthChallengeMutation = { authChallenge: { message: string } };

export type SignInMutationVariables = Exact<{
  message: string;
  signature: string;
}>;


export type SignInMutation = { signIn: { token: string, expiresAt: string } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { address: string, roles: Array<Role> } };

export type StudiesQueryVariables = Exact<{
  status?: Array<StudyStatus> | StudyStatus | null | undefined;
  researcher?: string | null | undefined;
}>;


export type StudiesQuery = { studies: Array<{ studyId: string, title: string, purpose: string, protocol: string | null, status: StudyStatus, version: number, approvals: number, rejections: number, quorum: number, researcher: string, minCohortSize: number, dpBudget: number | null, requestedFields: Array<ReleaseField>, summary: string, open: boolean, onChainMatches: boolean, dataUse: Array<{ code: string, meaning: string }>, criteria: { minAge: number, maxAge: number, referenceDate: string, sexes: Array<Sex>, zip3: Array<string>, anyOf: Array<{ system: string, code: string }>, noneOf: Array<{ system: string, code: string }> } }> };

export type StudyReleasesQueryVariables = Exact<{
  studyId: string;
}>;


export type StudyReleasesQuery = { releases: Array<{ releaseId: string, studyId: string, status: ReleaseStatus, approvals: number, rejections: number, quorum: number, downloadable: boolean, rowCount: number, achievedK: number, suppressedRows: number, manifestHash: string, txHash: string | null, manifest: Record<string, unknown> }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ClaimFieldsFragmentDoc = new TypedDocumentString(`
    fragment ClaimFields on Claim {
  id
  patientId
  policyId
  use
  status
  reason
  reasonText
  billed
  planPays
  patientShare
  currency
  createdAt
  txHash
  chainStatus
  decisionNote
  decisionStatus
  items {
    code
    display
    serviceDate
    amount
  }
  evidence {
    recordId
    resourceType
    version
    where
    intact
  }
  explanationOfBenefit
}
    `, {"fragmentName":"ClaimFields"}) as unknown as TypedDocumentString<ClaimFieldsFragment, unknown>;
export const IssuerDocument = new TypedDocumentString(`
    query Issuer {
  issuer {
    keyHash
    trusted
  }
}
    `) as unknown as TypedDocumentString<IssuerQuery, IssuerQueryVariables>;
export const TrustIssuerDocument = new TypedDocumentString(`
    mutation TrustIssuer($keyHash: String!, $issuer: String!) {
  trustIssuer(keyHash: $keyHash, issuer: $issuer)
}
    `) as unknown as TypedDocumentString<TrustIssuerMutation, TrustIssuerMutationVariables>;
export const UntrustIssuerDocument = new TypedDocumentString(`
    mutation UntrustIssuer($keyHash: String!) {
  untrustIssuer(keyHash: $keyHash)
}
    `) as unknown as TypedDocumentString<UntrustIssuerMutation, UntrustIssuerMutationVariables>;
export const GrantRoleDocument = new TypedDocumentString(`
    mutation GrantRole($address: String!, $role: Role!) {
  grantRole(address: $address, role: $role) {
    address
  }
}
    `) as unknown as TypedDocumentString<GrantRoleMutation, GrantRoleMutationVariables>;
export const RevokeRoleDocument = new TypedDocumentString(`
    mutation RevokeRole($address: String!, $role: Role!) {
  revokeRole(address: $address, role: $role) {
    address
  }
}
    `) as unknown as TypedDocumentString<RevokeRoleMutation, RevokeRoleMutationVariables>;
export const ChainIdDocument = new TypedDocumentString(`
    query ChainId {
  health {
    chain {
      chainId
    }
  }
}
    `) as unknown as TypedDocumentString<ChainIdQuery, ChainIdQueryVariables>;
export const ClaimsDocument = new TypedDocumentString(`
    query Claims($filter: ClaimFilterInput, $first: Int!, $after: String) {
  claims(filter: $filter, first: $first, after: $after) {
    totalCount
    edges {
      node {
        ...ClaimFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ClaimFields on Claim {
  id
  patientId
  policyId
  use
  status
  reason
  reasonText
  billed
  planPays
  patientShare
  currency
  createdAt
  txHash
  chainStatus
  decisionNote
  decisionStatus
  items {
    code
    display
    serviceDate
    amount
  }
  evidence {
    recordId
    resourceType
    version
    where
    intact
  }
  explanationOfBenefit
}`) as unknown as TypedDocumentString<ClaimsQuery, ClaimsQueryVariables>;
export const ClaimInputsDocument = new TypedDocumentString(`
    query ClaimInputs($patientId: ID!) {
  coverage(patientId: $patientId) {
    id
    policyId
    start
    end
  }
  records(
    patientId: $patientId
    purpose: TREAT
    first: 500
    filter: {resourceTypes: ["Claim"]}
  ) {
    edges {
      node {
        id
        resource
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ClaimInputsQuery, ClaimInputsQueryVariables>;
export const SubmitClaimDocument = new TypedDocumentString(`
    mutation SubmitClaim($input: SubmitClaimInput!) {
  submitClaim(input: $input) {
    ...ClaimFields
  }
}
    fragment ClaimFields on Claim {
  id
  patientId
  policyId
  use
  status
  reason
  reasonText
  billed
  planPays
  patientShare
  currency
  createdAt
  txHash
  chainStatus
  decisionNote
  decisionStatus
  items {
    code
    display
    serviceDate
    amount
  }
  evidence {
    recordId
    resourceType
    version
    where
    intact
  }
  explanationOfBenefit
}`) as unknown as TypedDocumentString<SubmitClaimMutation, SubmitClaimMutationVariables>;
export const ReviewClaimDocument = new TypedDocumentString(`
    mutation ReviewClaim($input: ReviewClaimInput!) {
  reviewClaim(input: $input) {
    ...ClaimFields
  }
}
    fragment ClaimFields on Claim {
  id
  patientId
  policyId
  use
  status
  reason
  reasonText
  billed
  planPays
  patientShare
  currency
  createdAt
  txHash
  chainStatus
  decisionNote
  decisionStatus
  items {
    code
    display
    serviceDate
    amount
  }
  evidence {
    recordId
    resourceType
    version
    where
    intact
  }
  explanationOfBenefit
}`) as unknown as TypedDocumentString<ReviewClaimMutation, ReviewClaimMutationVariables>;
export const PoliciesDocument = new TypedDocumentString(`
    query Policies {
  policies {
    id
    version
    name
    chainStatus
    txHash
    rules {
      code
      display
      covered
      priorAuthRequired
      requiredRecordTypes
      periodDays
      maxPerClaim
      maxPerPeriod
      copay
      coinsurancePercent
    }
  }
}
    `) as unknown as TypedDocumentString<PoliciesQuery, PoliciesQueryVariables>;
export const PublishPolicyDocument = new TypedDocumentString(`
    mutation PublishPolicy($input: PolicyInput!) {
  publishPolicy(input: $input) {
    id
    version
    chainStatus
  }
}
    `) as unknown as TypedDocumentString<PublishPolicyMutation, PublishPolicyMutationVariables>;
export const AskForClaimRecordsDocument = new TypedDocumentString(`
    mutation AskForClaimRecords($input: AccessRequestInput!) {
  requestAccess(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<AskForClaimRecordsMutation, AskForClaimRecordsMutationVariables>;
export const RecordForPaymentDocument = new TypedDocumentString(`
    query RecordForPayment($id: ID!) {
  record(id: $id, purpose: HPAYMT) {
    id
    resourceType
    display
    effectiveAt
  }
}
    `) as unknown as TypedDocumentString<RecordForPaymentQuery, RecordForPaymentQueryVariables>;
export const CoverageRequestsDocument = new TypedDocumentString(`
    query CoverageRequests {
  coverageRequests {
    id
    patientId
    policyId
    start
    end
    createdAt
  }
}
    `) as unknown as TypedDocumentString<CoverageRequestsQuery, CoverageRequestsQueryVariables>;
export const AcceptCoverageDocument = new TypedDocumentString(`
    mutation AcceptCoverage($id: ID!) {
  acceptCoverage(id: $id) {
    id
    state
    chainStatus
  }
}
    `) as unknown as TypedDocumentString<AcceptCoverageMutation, AcceptCoverageMutationVariables>;
export const MyCoverageDocument = new TypedDocumentString(`
    query MyCoverage($patientId: ID!) {
  coverage(patientId: $patientId) {
    id
    policyId
    start
    end
    state
    chainStatus
  }
}
    `) as unknown as TypedDocumentString<MyCoverageQuery, MyCoverageQueryVariables>;
export const RegisterCoverageDocument = new TypedDocumentString(`
    mutation RegisterCoverage($patientId: ID!, $coverage: JSONObject!) {
  registerCoverage(patientId: $patientId, coverage: $coverage) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<RegisterCoverageMutation, RegisterCoverageMutationVariables>;
export const ClaimsPatientDocument = new TypedDocumentString(`
    query ClaimsPatient {
  me {
    patientId
  }
}
    `) as unknown as TypedDocumentString<ClaimsPatientQuery, ClaimsPatientQueryVariables>;
export const CohortQuoteDocument = new TypedDocumentString(`
    query CohortQuote($studyId: String!, $breakdown: [CohortDimension!]!, $epsilon: Float) {
  cohortQuote(studyId: $studyId, breakdown: $breakdown, epsilon: $epsilon) {
    cost
    cached
    budget
    spent
    remaining
    fits
  }
}
    `) as unknown as TypedDocumentString<CohortQuoteQuery, CohortQuoteQueryVariables>;
export const CohortCountDocument = new TypedDocumentString(`
    query CohortCount($studyId: String!, $breakdown: [CohortDimension!]!, $epsilon: Float) {
  cohortCount(studyId: $studyId, breakdown: $breakdown, epsilon: $epsilon) {
    k
    breakdown
    total {
      value
      display
    }
    cells {
      ageBand
      sex
      region
      count {
        value
        display
        suppressed
      }
    }
    suppressedCells
    cached
    privacy {
      epsilon
      spent
      remaining
      budget
    }
  }
}
    `) as unknown as TypedDocumentString<CohortCountQuery, CohortCountQueryVariables>;
export const MyPatientsDocument = new TypedDocumentString(`
    query MyPatients($first: Int!, $after: String) {
  myPatients(first: $first, after: $after) {
    edges {
      node {
        id
        name
        birthDate
        gender
        authored
        consentUntil
        breakGlassUntil
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<MyPatientsQuery, MyPatientsQueryVariables>;
export const RequestAccessDocument = new TypedDocumentString(`
    mutation RequestAccess($input: AccessRequestInput!) {
  requestAccess(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RequestAccessMutation, RequestAccessMutationVariables>;
export const BreakGlassDocument = new TypedDocumentString(`
    mutation BreakGlass($patientId: ID!, $reason: String!) {
  breakGlass(patientId: $patientId, reason: $reason) {
    id
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<BreakGlassMutation, BreakGlassMutationVariables>;
export const MyEmergencyAccessesDocument = new TypedDocumentString(`
    query MyEmergencyAccesses {
  emergencyAccesses {
    id
    doctor
    reason
    at
    expiresAt
    active
    txHash
    chainStatus
  }
}
    `) as unknown as TypedDocumentString<MyEmergencyAccessesQuery, MyEmergencyAccessesQueryVariables>;
export const StudyVotesDocument = new TypedDocumentString(`
    query StudyVotes($studyId: String!) {
  studyVotes(studyId: $studyId) {
    member
    approve
    txHash
  }
}
    `) as unknown as TypedDocumentString<StudyVotesQuery, StudyVotesQueryVariables>;
export const ReleaseReviewDocument = new TypedDocumentString(`
    query ReleaseReview($releaseId: String!) {
  releaseReview(releaseId: $releaseId) {
    datasetMatches
    nullifierRootMatches
    manifestMatchesChain
    preview
    votes {
      member
      approve
      txHash
    }
    enrollments {
      nullifier
      txHash
      blockNumber
      proofVerifies
      enrolledOnChain
      signalsMatchStudy
    }
  }
}
    `) as unknown as TypedDocumentString<ReleaseReviewQuery, ReleaseReviewQueryVariables>;
export const PrepareStudyVoteDocument = new TypedDocumentString(`
    mutation PrepareStudyVote($studyId: String!, $approve: Boolean!) {
  prepareStudyVote(studyId: $studyId, approve: $approve) {
    typedData
  }
}
    `) as unknown as TypedDocumentString<PrepareStudyVoteMutation, PrepareStudyVoteMutationVariables>;
export const CastStudyVoteDocument = new TypedDocumentString(`
    mutation CastStudyVote($studyId: String!, $approve: Boolean!, $signature: String!) {
  castStudyVote(studyId: $studyId, approve: $approve, signature: $signature) {
    status
  }
}
    `) as unknown as TypedDocumentString<CastStudyVoteMutation, CastStudyVoteMutationVariables>;
export const PrepareReleaseVoteDocument = new TypedDocumentString(`
    mutation PrepareReleaseVote($releaseId: String!, $approve: Boolean!) {
  prepareReleaseVote(releaseId: $releaseId, approve: $approve) {
    typedData
  }
}
    `) as unknown as TypedDocumentString<PrepareReleaseVoteMutation, PrepareReleaseVoteMutationVariables>;
export const CastReleaseVoteDocument = new TypedDocumentString(`
    mutation CastReleaseVote($releaseId: String!, $approve: Boolean!, $signature: String!) {
  castReleaseVote(releaseId: $releaseId, approve: $approve, signature: $signature) {
    status
  }
}
    `) as unknown as TypedDocumentString<CastReleaseVoteMutation, CastReleaseVoteMutationVariables>;
export const SuspendStudyDocument = new TypedDocumentString(`
    mutation SuspendStudy($studyId: String!) {
  suspendStudy(studyId: $studyId) {
    status
  }
}
    `) as unknown as TypedDocumentString<SuspendStudyMutation, SuspendStudyMutationVariables>;
export const ResumeStudyDocument = new TypedDocumentString(`
    mutation ResumeStudy($studyId: String!) {
  resumeStudy(studyId: $studyId) {
    status
  }
}
    `) as unknown as TypedDocumentString<ResumeStudyMutation, ResumeStudyMutationVariables>;
export const CredentialRequestsDocument = new TypedDocumentString(`
    query CredentialRequests {
  credentialRequests {
    patientId
    requestedAt
  }
}
    `) as unknown as TypedDocumentString<CredentialRequestsQuery, CredentialRequestsQueryVariables>;
export const IssueCredentialDocument = new TypedDocumentString(`
    mutation IssueCredential($patientId: ID!) {
  issueCredential(patientId: $patientId)
}
    `) as unknown as TypedDocumentString<IssueCredentialMutation, IssueCredentialMutationVariables>;
export const MyParticipationDocument = new TypedDocumentString(`
    query MyParticipation {
  myCredentials
  mySharedStudies
}
    `) as unknown as TypedDocumentString<MyParticipationQuery, MyParticipationQueryVariables>;
export const EnrollmentStatusDocument = new TypedDocumentString(`
    query EnrollmentStatus($studyId: String!, $nullifier: String!) {
  enrollmentStatus(studyId: $studyId, nullifier: $nullifier) {
    enrolled
    withdrawn
  }
}
    `) as unknown as TypedDocumentString<EnrollmentStatusQuery, EnrollmentStatusQueryVariables>;
export const RequestCredentialDocument = new TypedDocumentString(`
    mutation RequestCredential($commitment: String!) {
  requestCredential(commitment: $commitment)
}
    `) as unknown as TypedDocumentString<RequestCredentialMutation, RequestCredentialMutationVariables>;
export const EnrollDocument = new TypedDocumentString(`
    mutation Enroll($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {
  enroll(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {
    nullifier
  }
}
    `) as unknown as TypedDocumentString<EnrollMutation, EnrollMutationVariables>;
export const ShareWithStudyDocument = new TypedDocumentString(`
    mutation ShareWithStudy($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {
  shareWithStudy(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {
    nullifier
  }
}
    `) as unknown as TypedDocumentString<ShareWithStudyMutation, ShareWithStudyMutationVariables>;
export const WithdrawDocument = new TypedDocumentString(`
    mutation Withdraw($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {
  withdraw(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {
    nullifier
  }
}
    `) as unknown as TypedDocumentString<WithdrawMutation, WithdrawMutationVariables>;
export const MyPatientIdDocument = new TypedDocumentString(`
    query MyPatientId {
  me {
    patientId
  }
}
    `) as unknown as TypedDocumentString<MyPatientIdQuery, MyPatientIdQueryVariables>;
export const MyConsentsDocument = new TypedDocumentString(`
    query MyConsents($patientId: ID!) {
  consents(patientId: $patientId) {
    id
    grantee
    resourceTypes
    recordIds
    purpose
    expiresAt
    state
    chainStatus
  }
  accessRequests {
    id
    requester
    resourceTypes
    recordIds
    purpose
    reason
    status
    createdAt
  }
}
    `) as unknown as TypedDocumentString<MyConsentsQuery, MyConsentsQueryVariables>;
export const PrepareConsentDocument = new TypedDocumentString(`
    mutation PrepareConsent($input: ConsentInput!) {
  prepareConsent(input: $input) {
    typedData
    nonce
  }
}
    `) as unknown as TypedDocumentString<PrepareConsentMutation, PrepareConsentMutationVariables>;
export const GrantConsentDocument = new TypedDocumentString(`
    mutation GrantConsent($input: ConsentInput!, $nonce: String!, $signature: String!) {
  grantConsent(input: $input, nonce: $nonce, signature: $signature) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<GrantConsentMutation, GrantConsentMutationVariables>;
export const DeclineAccessRequestDocument = new TypedDocumentString(`
    mutation DeclineAccessRequest($id: ID!) {
  declineAccessRequest(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DeclineAccessRequestMutation, DeclineAccessRequestMutationVariables>;
export const PrepareRevocationDocument = new TypedDocumentString(`
    mutation PrepareRevocation($consentId: ID!) {
  prepareRevocation(consentId: $consentId) {
    typedData
    deadline
  }
}
    `) as unknown as TypedDocumentString<PrepareRevocationMutation, PrepareRevocationMutationVariables>;
export const RevokeConsentDocument = new TypedDocumentString(`
    mutation RevokeConsent($consentId: ID!, $deadline: SafeInt!, $signature: String!) {
  revokeConsent(consentId: $consentId, deadline: $deadline, signature: $signature) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<RevokeConsentMutation, RevokeConsentMutationVariables>;
export const MyAccessLogDocument = new TypedDocumentString(`
    query MyAccessLog($first: Int!) {
  accessLog(first: $first) {
    edges {
      node {
        seq
        at
        actor
        action
        purpose
        decision
        reason
        entryHash
        anchor {
          batchIndex
          root
          proof
          txHash
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MyAccessLogQuery, MyAccessLogQueryVariables>;
export const RecordDetailDocument = new TypedDocumentString(`
    query RecordDetail($id: ID!, $purpose: PurposeOfUse) {
  record(id: $id, purpose: $purpose) {
    id
    fhirId
    resourceType
    display
    code
    codeSystem
    clinicalStatus
    effectiveAt
    valueQuantity
    valueUnit
    version
    lifecycle
    author
    resource
  }
  recordHistory(id: $id, purpose: $purpose) {
    version
    lifecycle
    author
    reason
    createdAt
    contentHash
  }
}
    `) as unknown as TypedDocumentString<RecordDetailQuery, RecordDetailQueryVariables>;
export const VerifyRecordDocument = new TypedDocumentString(`
    query VerifyRecord($id: ID!) {
  verifyRecordIntegrity(id: $id) {
    ok
    firstBadVersion
    versions {
      version
      ok
      problem
      anchorTx
    }
  }
}
    `) as unknown as TypedDocumentString<VerifyRecordQuery, VerifyRecordQueryVariables>;
export const CreateRecordDocument = new TypedDocumentString(`
    mutation CreateRecord($patientId: ID!, $resource: JSONObject!) {
  createRecord(patientId: $patientId, resource: $resource) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<CreateRecordMutation, CreateRecordMutationVariables>;
export const AmendRecordDocument = new TypedDocumentString(`
    mutation AmendRecord($id: ID!, $resource: JSONObject!, $reason: String) {
  amendRecord(id: $id, resource: $resource, reason: $reason) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<AmendRecordMutation, AmendRecordMutationVariables>;
export const PatientChartDocument = new TypedDocumentString(`
    query PatientChart($patientId: ID!, $purpose: PurposeOfUse, $types: [String!], $first: Int!, $after: String) {
  records(
    patientId: $patientId
    purpose: $purpose
    filter: {resourceTypes: $types}
    first: $first
    after: $after
  ) {
    totalCount
    edges {
      node {
        id
        resourceType
        display
        code
        clinicalStatus
        effectiveAt
        valueQuantity
        valueUnit
        version
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<PatientChartQuery, PatientChartQueryVariables>;
export const ProposeStudyDocument = new TypedDocumentString(`
    mutation ProposeStudy($input: StudyProposalInput!) {
  proposeStudy(input: $input) {
    studyId
  }
}
    `) as unknown as TypedDocumentString<ProposeStudyMutation, ProposeStudyMutationVariables>;
export const PrepareReleaseDocument = new TypedDocumentString(`
    mutation PrepareRelease($studyId: String!) {
  prepareRelease(studyId: $studyId) {
    releaseId
  }
}
    `) as unknown as TypedDocumentString<PrepareReleaseMutation, PrepareReleaseMutationVariables>;
export const DownloadReleaseDocument = new TypedDocumentString(`
    query DownloadRelease($releaseId: String!, $format: ReleaseFormat!) {
  release(releaseId: $releaseId, format: $format) {
    content
  }
}
    `) as unknown as TypedDocumentString<DownloadReleaseQuery, DownloadReleaseQueryVariables>;
export const AuthChallengeDocument = new TypedDocumentString(`
    mutation AuthChallenge($address: String!) {
  authChallenge(address: $address) {
    message
  }
}
    `) as unknown as TypedDocumentString<AuthChallengeMutation, AuthChallengeMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($message: String!, $signature: String!) {
  signIn(message: $message, signature: $signature) {
    token
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    address
    roles
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const StudiesDocument = new TypedDocumentString(`
    query Studies($status: [StudyStatus!], $researcher: String) {
  studies(status: $status, researcher: $researcher) {
    studyId
    title
    purpose
    protocol
    status
    version
    approvals
    rejections
    quorum
    researcher
    minCohortSize
    dpBudget
    requestedFields
    dataUse {
      code
      meaning
    }
    summary
    open
    onChainMatches
    criteria {
      minAge
      maxAge
      referenceDate
      sexes
      zip3
      anyOf {
        system
        code
      }
      noneOf {
        system
        code
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StudiesQuery, StudiesQueryVariables>;
export const StudyReleasesDocument = new TypedDocumentString(`
    query StudyReleases($studyId: String!) {
  releases(studyId: $studyId) {
    releaseId
    studyId
    status
    approvals
    rejections
    quorum
    downloadable
    rowCount
    achievedK
    suppressedRows
    manifestHash
    txHash
    manifest
  }
}
    `) as unknown as TypedDocumentString<StudyReleasesQuery, StudyReleasesQueryVariables>;