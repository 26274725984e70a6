/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export type PatientChartQueryVariables = Exact<{
  patientId: string | number;
  purpose?: PurposeOfUse | null | undefined;
  types?: Array<string> | string | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type PatientChartQuery = { records: { totalCount: number, edges: Array<{ node: { id: string, resourceType: string, display: string | null, code: string | null, clinicalStatus: string | null, effectiveAt: string | null, valueQuantity: number | null, valueUnit: string | null, version: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RequestAccessMutationVariables = Exact<{
  input: AccessRequestInput;
}>;


export type RequestAccessMutation = { requestAccess: { id: string, status: AccessRequestStatus } };

export type BreakGlassMutationVariables = Exact<{
  patientId: string | number;
  reason: string;
}>;


export type BreakGlassMutation = { breakGlass: { id: string, expiresAt: string } };

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