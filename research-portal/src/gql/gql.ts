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
    "\n  mutation RequestAccess($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.RequestAccessDocument,
    "\n  mutation BreakGlass($patientId: ID!, $reason: String!) {\n    breakGlass(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n": typeof types.BreakGlassDocument,
    "\n  query MyPatientId {\n    me {\n      patientId\n    }\n  }\n": typeof types.MyPatientIdDocument,
    "\n  query MyConsents($patientId: ID!) {\n    consents(patientId: $patientId) {\n      id\n      grantee\n      resourceTypes\n      recordIds\n      purpose\n      expiresAt\n      state\n      chainStatus\n    }\n    accessRequests {\n      id\n      requester\n      resourceTypes\n      recordIds\n      purpose\n      reason\n      status\n      createdAt\n    }\n  }\n": typeof types.MyConsentsDocument,
    "\n  mutation PrepareConsent($input: ConsentInput!) {\n    prepareConsent(input: $input) {\n      typedData\n      nonce\n    }\n  }\n": typeof types.PrepareConsentDocument,
    "\n  mutation GrantConsent($input: ConsentInput!, $nonce: String!, $signature: String!) {\n    grantConsent(input: $input, nonce: $nonce, signature: $signature) {\n      id\n      state\n    }\n  }\n": typeof types.GrantConsentDocument,
    "\n  mutation DeclineAccessRequest($id: ID!) {\n    declineAccessRequest(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.DeclineAccessRequestDocument,
    "\n  mutation PrepareRevocation($consentId: ID!) {\n    prepareRevocation(consentId: $consentId) {\n      typedData\n      deadline\n    }\n  }\n": typeof types.PrepareRevocationDocument,
    "\n  mutation RevokeConsent($consentId: ID!, $deadline: SafeInt!, $signature: String!) {\n    revokeConsent(consentId: $consentId, deadline: $deadline, signature: $signature) {\n      id\n      state\n    }\n  }\n": typeof types.RevokeConsentDocument,
    "\n  query MyAccessLog($first: Int!) {\n    accessLog(first: $first) {\n      edges {\n        node {\n          seq\n          at\n          actor\n          action\n          purpose\n          decision\n          reason\n          entryHash\n          anchor {\n            batchIndex\n            root\n            proof\n            txHash\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyAccessLogDocument,
    "\n  query PatientChart($patientId: ID!, $purpose: PurposeOfUse, $types: [String!], $first: Int!, $after: String) {\n    records(patientId: $patientId, purpose: $purpose, filter: { resourceTypes: $types }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          resourceType\n          display\n          code\n          clinicalStatus\n          effectiveAt\n          valueQuantity\n          valueUnit\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PatientChartDocument,
};
const documents: Documents = {
    "\n  query MyPatients($first: Int!, $after: String) {\n    myPatients(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          birthDate\n          gender\n          authored\n          consentUntil\n          breakGlassUntil\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MyPatientsDocument,
    "\n  mutation RequestAccess($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n    }\n  }\n": types.RequestAccessDocument,
    "\n  mutation BreakGlass($patientId: ID!, $reason: String!) {\n    breakGlass(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n": types.BreakGlassDocument,
    "\n  query MyPatientId {\n    me {\n      patientId\n    }\n  }\n": types.MyPatientIdDocument,
    "\n  query MyConsents($patientId: ID!) {\n    consents(patientId: $patientId) {\n      id\n      grantee\n      resourceTypes\n      recordIds\n      purpose\n      expiresAt\n      state\n      chainStatus\n    }\n    accessRequests {\n      id\n      requester\n      resourceTypes\n      recordIds\n      purpose\n      reason\n      status\n      createdAt\n    }\n  }\n": types.MyConsentsDocument,
    "\n  mutation PrepareConsent($input: ConsentInput!) {\n    prepareConsent(input: $input) {\n      typedData\n      nonce\n    }\n  }\n": types.PrepareConsentDocument,
    "\n  mutation GrantConsent($input: ConsentInput!, $nonce: String!, $signature: String!) {\n    grantConsent(input: $input, nonce: $nonce, signature: $signature) {\n      id\n      state\n    }\n  }\n": types.GrantConsentDocument,
    "\n  mutation DeclineAccessRequest($id: ID!) {\n    declineAccessRequest(id: $id) {\n      id\n      status\n    }\n  }\n": types.DeclineAccessRequestDocument,
    "\n  mutation PrepareRevocation($consentId: ID!) {\n    prepareRevocation(consentId: $consentId) {\n      typedData\n      deadline\n    }\n  }\n": types.PrepareRevocationDocument,
    "\n  mutation RevokeConsent($consentId: ID!, $deadline: SafeInt!, $signature: String!) {\n    revokeConsent(consentId: $consentId, deadline: $deadline, signature: $signature) {\n      id\n      state\n    }\n  }\n": types.RevokeConsentDocument,
    "\n  query MyAccessLog($first: Int!) {\n    accessLog(first: $first) {\n      edges {\n        node {\n          seq\n          at\n          actor\n          action\n          purpose\n          decision\n          reason\n          entryHash\n          anchor {\n            batchIndex\n            root\n            proof\n            txHash\n          }\n        }\n      }\n    }\n  }\n": types.MyAccessLogDocument,
    "\n  query PatientChart($patientId: ID!, $purpose: PurposeOfUse, $types: [String!], $first: Int!, $after: String) {\n    records(patientId: $patientId, purpose: $purpose, filter: { resourceTypes: $types }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          resourceType\n          display\n          code\n          clinicalStatus\n          effectiveAt\n          valueQuantity\n          valueUnit\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PatientChartDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPatients($first: Int!, $after: String) {\n    myPatients(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          birthDate\n          gender\n          authored\n          consentUntil\n          breakGlassUntil\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').MyPatientsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestAccess($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').RequestAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BreakGlass($patientId: ID!, $reason: String!) {\n    breakGlass(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').BreakGlassDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPatientId {\n    me {\n      patientId\n    }\n  }\n"): typeof import('./graphql').MyPatientIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyConsents($patientId: ID!) {\n    consents(patientId: $patientId) {\n      id\n      grantee\n      resourceTypes\n      recordIds\n      purpose\n      expiresAt\n      state\n      chainStatus\n    }\n    accessRequests {\n      id\n      requester\n      resourceTypes\n      recordIds\n      purpose\n      reason\n      status\n      createdAt\n    }\n  }\n"): typeof import('./graphql').MyConsentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrepareConsent($input: ConsentInput!) {\n    prepareConsent(input: $input) {\n      typedData\n      nonce\n    }\n  }\n"): typeof import('./graphql').PrepareConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantConsent($input: ConsentInput!, $nonce: String!, $signature: String!) {\n    grantConsent(input: $input, nonce: $nonce, signature: $signature) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql').GrantConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineAccessRequest($id: ID!) {\n    declineAccessRequest(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').DeclineAccessRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrepareRevocation($consentId: ID!) {\n    prepareRevocation(consentId: $consentId) {\n      typedData\n      deadline\n    }\n  }\n"): typeof import('./graphql').PrepareRevocationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeConsent($consentId: ID!, $deadline: SafeInt!, $signature: String!) {\n    revokeConsent(consentId: $consentId, deadline: $deadline, signature: $signature) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql').RevokeConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAccessLog($first: Int!) {\n    accessLog(first: $first) {\n      edges {\n        node {\n          seq\n          at\n          actor\n          action\n          purpose\n          decision\n          reason\n          entryHash\n          anchor {\n            batchIndex\n            root\n            proof\n            txHash\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MyAccessLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientChart($patientId: ID!, $purpose: PurposeOfUse, $types: [String!], $first: Int!, $after: String) {\n    records(patientId: $patientId, purpose: $purpose, filter: { resourceTypes: $types }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          resourceType\n          display\n          code\n          clinicalStatus\n          effectiveAt\n          valueQuantity\n          valueUnit\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').PatientChartDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
