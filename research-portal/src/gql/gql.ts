/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query MyPatients($first: Int!, $after: String) {\n    myPatients(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          birthDate\n          gender\n          authored\n          consentUntil\n          breakGlassUntil\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MyPatientsDocument,
    "\n  query PatientChart($patientId: ID!, $purpose: PurposeOfUse, $types: [String!], $first: Int!, $after: String) {\n    records(patientId: $patientId, purpose: $purpose, filter: { resourceTypes: $types }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          resourceType\n          display\n          code\n          clinicalStatus\n          effectiveAt\n          valueQuantity\n          valueUnit\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PatientChartDocument,
    "\n  mutation RequestAccess($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.RequestAccessDocument,
    "\n  mutation BreakGlass($patientId: ID!, $reason: String!) {\n    breakGlass(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n": typeof types.BreakGlassDocument,
};
const documents: Documents = {
    "\n  query MyPatients($first: Int!, $after: String) {\n    myPatients(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          birthDate\n          gender\n          authored\n          consentUntil\n          breakGlassUntil\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MyPatientsDocument,
    "\n  query PatientChart($patientId: ID!, $purpose: PurposeOfUse, $types: [String!], $first: Int!, $after: String) {\n    records(patientId: $patientId, purpose: $purpose, filter: { resourceTypes: $types }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          resourceType\n          display\n          code\n          clinicalStatus\n          effectiveAt\n          valueQuantity\n          valueUnit\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PatientChartDocument,
    "\n  mutation RequestAccess($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n    }\n  }\n": types.RequestAccessDocument,
    "\n  mutation BreakGlass($patientId: ID!, $reason: String!) {\n    breakGlass(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n": types.BreakGlassDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPatients($first: Int!, $after: String) {\n    myPatients(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          birthDate\n          gender\n          authored\n          consentUntil\n          breakGlassUntil\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').MyPatientsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientChart($patientId: ID!, $purpose: PurposeOfUse, $types: [String!], $first: Int!, $after: String) {\n    records(patientId: $patientId, purpose: $purpose, filter: { resourceTypes: $types }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          resourceType\n          display\n          code\n          clinicalStatus\n          effectiveAt\n          valueQuantity\n          valueUnit\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').PatientChartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestAccess($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').RequestAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BreakGlass($patientId: ID!, $reason: String!) {\n    breakGlass(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').BreakGlassDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
