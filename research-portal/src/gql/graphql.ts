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

export type PatientChartQueryVariables = Exact<{
  patientId: string | number;
  purpose?: PurposeOfUse | null | undefined;
  types?: Array<string> | string | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type PatientChartQuery = { records: { totalCount: number, edges: Array<{ node: { id: string, resourceType: string, display: string | null, code: string | null, clinicalStatus: string | null, effectiveAt: string | null, valueQuantity: number | null, valueUnit: string | null, version: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

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