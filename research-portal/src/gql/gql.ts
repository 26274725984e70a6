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
    "\n  query Issuer {\n    issuer {\n      keyHash\n      trusted\n    }\n  }\n": typeof types.IssuerDocument,
    "\n  mutation TrustIssuer($keyHash: String!, $issuer: String!) {\n    trustIssuer(keyHash: $keyHash, issuer: $issuer)\n  }\n": typeof types.TrustIssuerDocument,
    "\n  mutation UntrustIssuer($keyHash: String!) {\n    untrustIssuer(keyHash: $keyHash)\n  }\n": typeof types.UntrustIssuerDocument,
    "\n  mutation GrantRole($address: String!, $role: Role!) {\n    grantRole(address: $address, role: $role) {\n      address\n    }\n  }\n": typeof types.GrantRoleDocument,
    "\n  mutation RevokeRole($address: String!, $role: Role!) {\n    revokeRole(address: $address, role: $role) {\n      address\n    }\n  }\n": typeof types.RevokeRoleDocument,
    "\n  query ChainId {\n    health {\n      chain {\n        chainId\n      }\n    }\n  }\n": typeof types.ChainIdDocument,
    "\n  fragment ClaimFields on Claim {\n    id\n    patientId\n    policyId\n    use\n    status\n    reason\n    reasonText\n    billed\n    planPays\n    patientShare\n    currency\n    createdAt\n    txHash\n    chainStatus\n    decisionNote\n    decisionStatus\n    items {\n      code\n      display\n      serviceDate\n      amount\n    }\n    evidence {\n      recordId\n      resourceType\n      version\n      where\n      intact\n    }\n    explanationOfBenefit\n  }\n": typeof types.ClaimFieldsFragmentDoc,
    "\n  query Claims($filter: ClaimFilterInput, $first: Int!, $after: String) {\n    claims(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...ClaimFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ClaimsDocument,
    "\n  query ClaimInputs($patientId: ID!) {\n    coverage(patientId: $patientId) {\n      id\n      policyId\n      start\n      end\n    }\n    records(patientId: $patientId, purpose: TREAT, first: 500, filter: { resourceTypes: [\"Claim\"] }) {\n      edges {\n        node {\n          id\n          resource\n        }\n      }\n    }\n  }\n": typeof types.ClaimInputsDocument,
    "\n  mutation SubmitClaim($input: SubmitClaimInput!) {\n    submitClaim(input: $input) {\n      ...ClaimFields\n    }\n  }\n": typeof types.SubmitClaimDocument,
    "\n  mutation ReviewClaim($input: ReviewClaimInput!) {\n    reviewClaim(input: $input) {\n      ...ClaimFields\n    }\n  }\n": typeof types.ReviewClaimDocument,
    "\n  query Policies {\n    policies {\n      id\n      version\n      name\n      chainStatus\n      txHash\n      rules {\n        code\n        display\n        covered\n        priorAuthRequired\n        requiredRecordTypes\n        periodDays\n        maxPerClaim\n        maxPerPeriod\n        copay\n        coinsurancePercent\n      }\n    }\n  }\n": typeof types.PoliciesDocument,
    "\n  mutation PublishPolicy($input: PolicyInput!) {\n    publishPolicy(input: $input) {\n      id\n      version\n      chainStatus\n    }\n  }\n": typeof types.PublishPolicyDocument,
    "\n  mutation AskForClaimRecords($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n    }\n  }\n": typeof types.AskForClaimRecordsDocument,
    "\n  query RecordForPayment($id: ID!) {\n    record(id: $id, purpose: HPAYMT) {\n      id\n      resourceType\n      display\n      effectiveAt\n    }\n  }\n": typeof types.RecordForPaymentDocument,
    "\n  query CoverageRequests {\n    coverageRequests {\n      id\n      patientId\n      policyId\n      start\n      end\n      createdAt\n    }\n  }\n": typeof types.CoverageRequestsDocument,
    "\n  mutation AcceptCoverage($id: ID!) {\n    acceptCoverage(id: $id) {\n      id\n      state\n      chainStatus\n    }\n  }\n": typeof types.AcceptCoverageDocument,
    "\n  query MyCoverage($patientId: ID!) {\n    coverage(patientId: $patientId) {\n      id\n      policyId\n      start\n      end\n      state\n      chainStatus\n    }\n  }\n": typeof types.MyCoverageDocument,
    "\n  mutation RegisterCoverage($patientId: ID!, $coverage: JSONObject!) {\n    registerCoverage(patientId: $patientId, coverage: $coverage) {\n      id\n      state\n    }\n  }\n": typeof types.RegisterCoverageDocument,
    "\n  query ClaimsPatient {\n    me {\n      patientId\n    }\n  }\n": typeof types.ClaimsPatientDocument,
    "\n  query CohortQuote($studyId: String!, $breakdown: [CohortDimension!]!, $epsilon: Float) {\n    cohortQuote(studyId: $studyId, breakdown: $breakdown, epsilon: $epsilon) {\n      cost\n      cached\n      budget\n      spent\n      remaining\n      fits\n    }\n  }\n": typeof types.CohortQuoteDocument,
    "\n  query CohortCount($studyId: String!, $breakdown: [CohortDimension!]!, $epsilon: Float) {\n    cohortCount(studyId: $studyId, breakdown: $breakdown, epsilon: $epsilon) {\n      k\n      breakdown\n      total {\n        value\n        display\n      }\n      cells {\n        ageBand\n        sex\n        region\n        count {\n          value\n          display\n          suppressed\n        }\n      }\n      suppressedCells\n      cached\n      privacy {\n        epsilon\n        spent\n        remaining\n        budget\n      }\n    }\n  }\n": typeof types.CohortCountDocument,
    "\n  query MyPatients($first: Int!, $after: String) {\n    myPatients(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          birthDate\n          gender\n          authored\n          consentUntil\n          breakGlassUntil\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MyPatientsDocument,
    "\n  mutation RequestAccess($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.RequestAccessDocument,
    "\n  mutation BreakGlass($patientId: ID!, $reason: String!) {\n    breakGlass(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n": typeof types.BreakGlassDocument,
    "\n  query MyEmergencyAccesses {\n    emergencyAccesses {\n      id\n      doctor\n      reason\n      at\n      expiresAt\n      active\n      txHash\n      chainStatus\n    }\n  }\n": typeof types.MyEmergencyAccessesDocument,
    "\n  query StudyVotes($studyId: String!) {\n    studyVotes(studyId: $studyId) {\n      member\n      approve\n      txHash\n    }\n  }\n": typeof types.StudyVotesDocument,
    "\n  query ReleaseReview($releaseId: String!) {\n    releaseReview(releaseId: $releaseId) {\n      datasetMatches\n      nullifierRootMatches\n      manifestMatchesChain\n      preview\n      votes {\n        member\n        approve\n        txHash\n      }\n      enrollments {\n        nullifier\n        txHash\n        blockNumber\n        proofVerifies\n        enrolledOnChain\n        signalsMatchStudy\n      }\n    }\n  }\n": typeof types.ReleaseReviewDocument,
    "\n  mutation PrepareStudyVote($studyId: String!, $approve: Boolean!) {\n    prepareStudyVote(studyId: $studyId, approve: $approve) {\n      typedData\n    }\n  }\n": typeof types.PrepareStudyVoteDocument,
    "\n  mutation CastStudyVote($studyId: String!, $approve: Boolean!, $signature: String!) {\n    castStudyVote(studyId: $studyId, approve: $approve, signature: $signature) {\n      status\n    }\n  }\n": typeof types.CastStudyVoteDocument,
    "\n  mutation PrepareReleaseVote($releaseId: String!, $approve: Boolean!) {\n    prepareReleaseVote(releaseId: $releaseId, approve: $approve) {\n      typedData\n    }\n  }\n": typeof types.PrepareReleaseVoteDocument,
    "\n  mutation CastReleaseVote($releaseId: String!, $approve: Boolean!, $signature: String!) {\n    castReleaseVote(releaseId: $releaseId, approve: $approve, signature: $signature) {\n      status\n    }\n  }\n": typeof types.CastReleaseVoteDocument,
    "\n  mutation SuspendStudy($studyId: String!) {\n    suspendStudy(studyId: $studyId) {\n      status\n    }\n  }\n": typeof types.SuspendStudyDocument,
    "\n  mutation ResumeStudy($studyId: String!) {\n    resumeStudy(studyId: $studyId) {\n      status\n    }\n  }\n": typeof types.ResumeStudyDocument,
    "\n  query CredentialRequests {\n    credentialRequests {\n      patientId\n      requestedAt\n    }\n  }\n": typeof types.CredentialRequestsDocument,
    "\n  mutation IssueCredential($patientId: ID!) {\n    issueCredential(patientId: $patientId)\n  }\n": typeof types.IssueCredentialDocument,
    "\n  query MyParticipation {\n    myCredentials\n    mySharedStudies\n  }\n": typeof types.MyParticipationDocument,
    "\n  query EnrollmentStatus($studyId: String!, $nullifier: String!) {\n    enrollmentStatus(studyId: $studyId, nullifier: $nullifier) {\n      enrolled\n      withdrawn\n    }\n  }\n": typeof types.EnrollmentStatusDocument,
    "\n  mutation RequestCredential($commitment: String!) {\n    requestCredential(commitment: $commitment)\n  }\n": typeof types.RequestCredentialDocument,
    "\n  mutation Enroll($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {\n    enroll(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {\n      nullifier\n    }\n  }\n": typeof types.EnrollDocument,
    "\n  mutation ShareWithStudy($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {\n    shareWithStudy(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {\n      nullifier\n    }\n  }\n": typeof types.ShareWithStudyDocument,
    "\n  mutation Withdraw($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {\n    withdraw(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {\n      nullifier\n    }\n  }\n": typeof types.WithdrawDocument,
    "\n  query MyPatientId {\n    me {\n      patientId\n    }\n  }\n": typeof types.MyPatientIdDocument,
    "\n  query MyConsents($patientId: ID!) {\n    consents(patientId: $patientId) {\n      id\n      grantee\n      resourceTypes\n      recordIds\n      purpose\n      expiresAt\n      state\n      chainStatus\n    }\n    accessRequests {\n      id\n      requester\n      resourceTypes\n      recordIds\n      purpose\n      reason\n      status\n      createdAt\n    }\n  }\n": typeof types.MyConsentsDocument,
    "\n  mutation PrepareConsent($input: ConsentInput!) {\n    prepareConsent(input: $input) {\n      typedData\n      nonce\n    }\n  }\n": typeof types.PrepareConsentDocument,
    "\n  mutation GrantConsent($input: ConsentInput!, $nonce: String!, $signature: String!) {\n    grantConsent(input: $input, nonce: $nonce, signature: $signature) {\n      id\n      state\n    }\n  }\n": typeof types.GrantConsentDocument,
    "\n  mutation DeclineAccessRequest($id: ID!) {\n    declineAccessRequest(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.DeclineAccessRequestDocument,
    "\n  mutation PrepareRevocation($consentId: ID!) {\n    prepareRevocation(consentId: $consentId) {\n      typedData\n      deadline\n    }\n  }\n": typeof types.PrepareRevocationDocument,
    "\n  mutation RevokeConsent($consentId: ID!, $deadline: SafeInt!, $signature: String!) {\n    revokeConsent(consentId: $consentId, deadline: $deadline, signature: $signature) {\n      id\n      state\n    }\n  }\n": typeof types.RevokeConsentDocument,
    "\n  query MyAccessLog($first: Int!) {\n    accessLog(first: $first) {\n      edges {\n        node {\n          seq\n          at\n          actor\n          action\n          purpose\n          decision\n          reason\n          entryHash\n          anchor {\n            batchIndex\n            root\n            proof\n            txHash\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyAccessLogDocument,
    "\n  query RecordDetail($id: ID!, $purpose: PurposeOfUse) {\n    record(id: $id, purpose: $purpose) {\n      id\n      fhirId\n      resourceType\n      display\n      code\n      codeSystem\n      clinicalStatus\n      effectiveAt\n      valueQuantity\n      valueUnit\n      version\n      lifecycle\n      author\n      resource\n    }\n    recordHistory(id: $id, purpose: $purpose) {\n      version\n      lifecycle\n      author\n      reason\n      createdAt\n      contentHash\n    }\n  }\n": typeof types.RecordDetailDocument,
    "\n  query VerifyRecord($id: ID!) {\n    verifyRecordIntegrity(id: $id) {\n      ok\n      firstBadVersion\n      versions {\n        version\n        ok\n        problem\n        anchorTx\n      }\n    }\n  }\n": typeof types.VerifyRecordDocument,
    "\n  mutation CreateRecord($patientId: ID!, $resource: JSONObject!) {\n    createRecord(patientId: $patientId, resource: $resource) {\n      id\n      version\n    }\n  }\n": typeof types.CreateRecordDocument,
    "\n  mutation AmendRecord($id: ID!, $resource: JSONObject!, $reason: String) {\n    amendRecord(id: $id, resource: $resource, reason: $reason) {\n      id\n      version\n    }\n  }\n": typeof types.AmendRecordDocument,
    "\n  query PatientChart($patientId: ID!, $purpose: PurposeOfUse, $types: [String!], $first: Int!, $after: String) {\n    records(patientId: $patientId, purpose: $purpose, filter: { resourceTypes: $types }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          resourceType\n          display\n          code\n          clinicalStatus\n          effectiveAt\n          valueQuantity\n          valueUnit\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PatientChartDocument,
    "\n  mutation ProposeStudy($input: StudyProposalInput!) {\n    proposeStudy(input: $input) {\n      studyId\n    }\n  }\n": typeof types.ProposeStudyDocument,
    "\n  mutation PrepareRelease($studyId: String!) {\n    prepareRelease(studyId: $studyId) {\n      releaseId\n    }\n  }\n": typeof types.PrepareReleaseDocument,
    "\n  query DownloadRelease($releaseId: String!, $format: ReleaseFormat!) {\n    release(releaseId: $releaseId, format: $format) {\n      content\n    }\n  }\n": typeof types.DownloadReleaseDocument,
    "\n  mutation AuthChallenge($address: String!) {\n    authChallenge(address: $address) {\n      message\n    }\n  }\n": typeof types.AuthChallengeDocument,
    "\n  mutation SignIn($message: String!, $signature: String!) {\n    signIn(message: $message, signature: $signature) {\n      token\n      expiresAt\n    }\n  }\n": typeof types.SignInDocument,
    "\n  query Me {\n    me {\n      address\n      roles\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Studies($status: [StudyStatus!], $researcher: String) {\n    studies(status: $status, researcher: $researcher) {\n      studyId\n      title\n      purpose\n      protocol\n      status\n      version\n      approvals\n      rejections\n      quorum\n      researcher\n      minCohortSize\n      dpBudget\n      requestedFields\n      dataUse {\n        code\n        meaning\n      }\n      summary\n      open\n      onChainMatches\n      criteria {\n        minAge\n        maxAge\n        referenceDate\n        sexes\n        zip3\n        anyOf {\n          system\n          code\n        }\n        noneOf {\n          system\n          code\n        }\n      }\n    }\n  }\n": typeof types.StudiesDocument,
    "\n  query StudyReleases($studyId: String!) {\n    releases(studyId: $studyId) {\n      releaseId\n      studyId\n      status\n      approvals\n      rejections\n      quorum\n      downloadable\n      rowCount\n      achievedK\n      suppressedRows\n      manifestHash\n      txHash\n      manifest\n    }\n  }\n": typeof types.StudyReleasesDocument,
};
const documents: Documents = {
    "\n  query Issuer {\n    issuer {\n      keyHash\n      trusted\n    }\n  }\n": types.IssuerDocument,
    "\n  mutation TrustIssuer($keyHash: String!, $issuer: String!) {\n    trustIssuer(keyHash: $keyHash, issuer: $issuer)\n  }\n": types.TrustIssuerDocument,
    "\n  mutation UntrustIssuer($keyHash: String!) {\n    untrustIssuer(keyHash: $keyHash)\n  }\n": types.UntrustIssuerDocument,
    "\n  mutation GrantRole($address: String!, $role: Role!) {\n    grantRole(address: $address, role: $role) {\n      address\n    }\n  }\n": types.GrantRoleDocument,
    "\n  mutation RevokeRole($address: String!, $role: Role!) {\n    revokeRole(address: $address, role: $role) {\n      address\n    }\n  }\n": types.RevokeRoleDocument,
    "\n  query ChainId {\n    health {\n      chain {\n        chainId\n      }\n    }\n  }\n": types.ChainIdDocument,
    "\n  fragment ClaimFields on Claim {\n    id\n    patientId\n    policyId\n    use\n    status\n    reason\n    reasonText\n    billed\n    planPays\n    patientShare\n    currency\n    createdAt\n    txHash\n    chainStatus\n    decisionNote\n    decisionStatus\n    items {\n      code\n      display\n      serviceDate\n      amount\n    }\n    evidence {\n      recordId\n      resourceType\n      version\n      where\n      intact\n    }\n    explanationOfBenefit\n  }\n": types.ClaimFieldsFragmentDoc,
    "\n  query Claims($filter: ClaimFilterInput, $first: Int!, $after: String) {\n    claims(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...ClaimFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ClaimsDocument,
    "\n  query ClaimInputs($patientId: ID!) {\n    coverage(patientId: $patientId) {\n      id\n      policyId\n      start\n      end\n    }\n    records(patientId: $patientId, purpose: TREAT, first: 500, filter: { resourceTypes: [\"Claim\"] }) {\n      edges {\n        node {\n          id\n          resource\n        }\n      }\n    }\n  }\n": types.ClaimInputsDocument,
    "\n  mutation SubmitClaim($input: SubmitClaimInput!) {\n    submitClaim(input: $input) {\n      ...ClaimFields\n    }\n  }\n": types.SubmitClaimDocument,
    "\n  mutation ReviewClaim($input: ReviewClaimInput!) {\n    reviewClaim(input: $input) {\n      ...ClaimFields\n    }\n  }\n": types.ReviewClaimDocument,
    "\n  query Policies {\n    policies {\n      id\n      version\n      name\n      chainStatus\n      txHash\n      rules {\n        code\n        display\n        covered\n        priorAuthRequired\n        requiredRecordTypes\n        periodDays\n        maxPerClaim\n        maxPerPeriod\n        copay\n        coinsurancePercent\n      }\n    }\n  }\n": types.PoliciesDocument,
    "\n  mutation PublishPolicy($input: PolicyInput!) {\n    publishPolicy(input: $input) {\n      id\n      version\n      chainStatus\n    }\n  }\n": types.PublishPolicyDocument,
    "\n  mutation AskForClaimRecords($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n    }\n  }\n": types.AskForClaimRecordsDocument,
    "\n  query RecordForPayment($id: ID!) {\n    record(id: $id, purpose: HPAYMT) {\n      id\n      resourceType\n      display\n      effectiveAt\n    }\n  }\n": types.RecordForPaymentDocument,
    "\n  query CoverageRequests {\n    coverageRequests {\n      id\n      patientId\n      policyId\n      start\n      end\n      createdAt\n    }\n  }\n": types.CoverageRequestsDocument,
    "\n  mutation AcceptCoverage($id: ID!) {\n    acceptCoverage(id: $id) {\n      id\n      state\n      chainStatus\n    }\n  }\n": types.AcceptCoverageDocument,
    "\n  query MyCoverage($patientId: ID!) {\n    coverage(patientId: $patientId) {\n      id\n      policyId\n      start\n      end\n      state\n      chainStatus\n    }\n  }\n": types.MyCoverageDocument,
    "\n  mutation RegisterCoverage($patientId: ID!, $coverage: JSONObject!) {\n    registerCoverage(patientId: $patientId, coverage: $coverage) {\n      id\n      state\n    }\n  }\n": types.RegisterCoverageDocument,
    "\n  query ClaimsPatient {\n    me {\n      patientId\n    }\n  }\n": types.ClaimsPatientDocument,
    "\n  query CohortQuote($studyId: String!, $breakdown: [CohortDimension!]!, $epsilon: Float) {\n    cohortQuote(studyId: $studyId, breakdown: $breakdown, epsilon: $epsilon) {\n      cost\n      cached\n      budget\n      spent\n      remaining\n      fits\n    }\n  }\n": types.CohortQuoteDocument,
    "\n  query CohortCount($studyId: String!, $breakdown: [CohortDimension!]!, $epsilon: Float) {\n    cohortCount(studyId: $studyId, breakdown: $breakdown, epsilon: $epsilon) {\n      k\n      breakdown\n      total {\n        value\n        display\n      }\n      cells {\n        ageBand\n        sex\n        region\n        count {\n          value\n          display\n          suppressed\n        }\n      }\n      suppressedCells\n      cached\n      privacy {\n        epsilon\n        spent\n        remaining\n        budget\n      }\n    }\n  }\n": types.CohortCountDocument,
    "\n  query MyPatients($first: Int!, $after: String) {\n    myPatients(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          birthDate\n          gender\n          authored\n          consentUntil\n          breakGlassUntil\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MyPatientsDocument,
    "\n  mutation RequestAccess($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n    }\n  }\n": types.RequestAccessDocument,
    "\n  mutation BreakGlass($patientId: ID!, $reason: String!) {\n    breakGlass(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n": types.BreakGlassDocument,
    "\n  query MyEmergencyAccesses {\n    emergencyAccesses {\n      id\n      doctor\n      reason\n      at\n      expiresAt\n      active\n      txHash\n      chainStatus\n    }\n  }\n": types.MyEmergencyAccessesDocument,
    "\n  query StudyVotes($studyId: String!) {\n    studyVotes(studyId: $studyId) {\n      member\n      approve\n      txHash\n    }\n  }\n": types.StudyVotesDocument,
    "\n  query ReleaseReview($releaseId: String!) {\n    releaseReview(releaseId: $releaseId) {\n      datasetMatches\n      nullifierRootMatches\n      manifestMatchesChain\n      preview\n      votes {\n        member\n        approve\n        txHash\n      }\n      enrollments {\n        nullifier\n        txHash\n        blockNumber\n        proofVerifies\n        enrolledOnChain\n        signalsMatchStudy\n      }\n    }\n  }\n": types.ReleaseReviewDocument,
    "\n  mutation PrepareStudyVote($studyId: String!, $approve: Boolean!) {\n    prepareStudyVote(studyId: $studyId, approve: $approve) {\n      typedData\n    }\n  }\n": types.PrepareStudyVoteDocument,
    "\n  mutation CastStudyVote($studyId: String!, $approve: Boolean!, $signature: String!) {\n    castStudyVote(studyId: $studyId, approve: $approve, signature: $signature) {\n      status\n    }\n  }\n": types.CastStudyVoteDocument,
    "\n  mutation PrepareReleaseVote($releaseId: String!, $approve: Boolean!) {\n    prepareReleaseVote(releaseId: $releaseId, approve: $approve) {\n      typedData\n    }\n  }\n": types.PrepareReleaseVoteDocument,
    "\n  mutation CastReleaseVote($releaseId: String!, $approve: Boolean!, $signature: String!) {\n    castReleaseVote(releaseId: $releaseId, approve: $approve, signature: $signature) {\n      status\n    }\n  }\n": types.CastReleaseVoteDocument,
    "\n  mutation SuspendStudy($studyId: String!) {\n    suspendStudy(studyId: $studyId) {\n      status\n    }\n  }\n": types.SuspendStudyDocument,
    "\n  mutation ResumeStudy($studyId: String!) {\n    resumeStudy(studyId: $studyId) {\n      status\n    }\n  }\n": types.ResumeStudyDocument,
    "\n  query CredentialRequests {\n    credentialRequests {\n      patientId\n      requestedAt\n    }\n  }\n": types.CredentialRequestsDocument,
    "\n  mutation IssueCredential($patientId: ID!) {\n    issueCredential(patientId: $patientId)\n  }\n": types.IssueCredentialDocument,
    "\n  query MyParticipation {\n    myCredentials\n    mySharedStudies\n  }\n": types.MyParticipationDocument,
    "\n  query EnrollmentStatus($studyId: String!, $nullifier: String!) {\n    enrollmentStatus(studyId: $studyId, nullifier: $nullifier) {\n      enrolled\n      withdrawn\n    }\n  }\n": types.EnrollmentStatusDocument,
    "\n  mutation RequestCredential($commitment: String!) {\n    requestCredential(commitment: $commitment)\n  }\n": types.RequestCredentialDocument,
    "\n  mutation Enroll($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {\n    enroll(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {\n      nullifier\n    }\n  }\n": types.EnrollDocument,
    "\n  mutation ShareWithStudy($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {\n    shareWithStudy(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {\n      nullifier\n    }\n  }\n": types.ShareWithStudyDocument,
    "\n  mutation Withdraw($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {\n    withdraw(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {\n      nullifier\n    }\n  }\n": types.WithdrawDocument,
    "\n  query MyPatientId {\n    me {\n      patientId\n    }\n  }\n": types.MyPatientIdDocument,
    "\n  query MyConsents($patientId: ID!) {\n    consents(patientId: $patientId) {\n      id\n      grantee\n      resourceTypes\n      recordIds\n      purpose\n      expiresAt\n      state\n      chainStatus\n    }\n    accessRequests {\n      id\n      requester\n      resourceTypes\n      recordIds\n      purpose\n      reason\n      status\n      createdAt\n    }\n  }\n": types.MyConsentsDocument,
    "\n  mutation PrepareConsent($input: ConsentInput!) {\n    prepareConsent(input: $input) {\n      typedData\n      nonce\n    }\n  }\n": types.PrepareConsentDocument,
    "\n  mutation GrantConsent($input: ConsentInput!, $nonce: String!, $signature: String!) {\n    grantConsent(input: $input, nonce: $nonce, signature: $signature) {\n      id\n      state\n    }\n  }\n": types.GrantConsentDocument,
    "\n  mutation DeclineAccessRequest($id: ID!) {\n    declineAccessRequest(id: $id) {\n      id\n      status\n    }\n  }\n": types.DeclineAccessRequestDocument,
    "\n  mutation PrepareRevocation($consentId: ID!) {\n    prepareRevocation(consentId: $consentId) {\n      typedData\n      deadline\n    }\n  }\n": types.PrepareRevocationDocument,
    "\n  mutation RevokeConsent($consentId: ID!, $deadline: SafeInt!, $signature: String!) {\n    revokeConsent(consentId: $consentId, deadline: $deadline, signature: $signature) {\n      id\n      state\n    }\n  }\n": types.RevokeConsentDocument,
    "\n  query MyAccessLog($first: Int!) {\n    accessLog(first: $first) {\n      edges {\n        node {\n          seq\n          at\n          actor\n          action\n          purpose\n          decision\n          reason\n          entryHash\n          anchor {\n            batchIndex\n            root\n            proof\n            txHash\n          }\n        }\n      }\n    }\n  }\n": types.MyAccessLogDocument,
    "\n  query RecordDetail($id: ID!, $purpose: PurposeOfUse) {\n    record(id: $id, purpose: $purpose) {\n      id\n      fhirId\n      resourceType\n      display\n      code\n      codeSystem\n      clinicalStatus\n      effectiveAt\n      valueQuantity\n      valueUnit\n      version\n      lifecycle\n      author\n      resource\n    }\n    recordHistory(id: $id, purpose: $purpose) {\n      version\n      lifecycle\n      author\n      reason\n      createdAt\n      contentHash\n    }\n  }\n": types.RecordDetailDocument,
    "\n  query VerifyRecord($id: ID!) {\n    verifyRecordIntegrity(id: $id) {\n      ok\n      firstBadVersion\n      versions {\n        version\n        ok\n        problem\n        anchorTx\n      }\n    }\n  }\n": types.VerifyRecordDocument,
    "\n  mutation CreateRecord($patientId: ID!, $resource: JSONObject!) {\n    createRecord(patientId: $patientId, resource: $resource) {\n      id\n      version\n    }\n  }\n": types.CreateRecordDocument,
    "\n  mutation AmendRecord($id: ID!, $resource: JSONObject!, $reason: String) {\n    amendRecord(id: $id, resource: $resource, reason: $reason) {\n      id\n      version\n    }\n  }\n": types.AmendRecordDocument,
    "\n  query PatientChart($patientId: ID!, $purpose: PurposeOfUse, $types: [String!], $first: Int!, $after: String) {\n    records(patientId: $patientId, purpose: $purpose, filter: { resourceTypes: $types }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          resourceType\n          display\n          code\n          clinicalStatus\n          effectiveAt\n          valueQuantity\n          valueUnit\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PatientChartDocument,
    "\n  mutation ProposeStudy($input: StudyProposalInput!) {\n    proposeStudy(input: $input) {\n      studyId\n    }\n  }\n": types.ProposeStudyDocument,
    "\n  mutation PrepareRelease($studyId: String!) {\n    prepareRelease(studyId: $studyId) {\n      releaseId\n    }\n  }\n": types.PrepareReleaseDocument,
    "\n  query DownloadRelease($releaseId: String!, $format: ReleaseFormat!) {\n    release(releaseId: $releaseId, format: $format) {\n      content\n    }\n  }\n": types.DownloadReleaseDocument,
    "\n  mutation AuthChallenge($address: String!) {\n    authChallenge(address: $address) {\n      message\n    }\n  }\n": types.AuthChallengeDocument,
    "\n  mutation SignIn($message: String!, $signature: String!) {\n    signIn(message: $message, signature: $signature) {\n      token\n      expiresAt\n    }\n  }\n": types.SignInDocument,
    "\n  query Me {\n    me {\n      address\n      roles\n    }\n  }\n": types.MeDocument,
    "\n  query Studies($status: [StudyStatus!], $researcher: String) {\n    studies(status: $status, researcher: $researcher) {\n      studyId\n      title\n      purpose\n      protocol\n      status\n      version\n      approvals\n      rejections\n      quorum\n      researcher\n      minCohortSize\n      dpBudget\n      requestedFields\n      dataUse {\n        code\n        meaning\n      }\n      summary\n      open\n      onChainMatches\n      criteria {\n        minAge\n        maxAge\n        referenceDate\n        sexes\n        zip3\n        anyOf {\n          system\n          code\n        }\n        noneOf {\n          system\n          code\n        }\n      }\n    }\n  }\n": types.StudiesDocument,
    "\n  query StudyReleases($studyId: String!) {\n    releases(studyId: $studyId) {\n      releaseId\n      studyId\n      status\n      approvals\n      rejections\n      quorum\n      downloadable\n      rowCount\n      achievedK\n      suppressedRows\n      manifestHash\n      txHash\n      manifest\n    }\n  }\n": types.StudyReleasesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Issuer {\n    issuer {\n      keyHash\n      trusted\n    }\n  }\n"): typeof import('./graphql').IssuerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrustIssuer($keyHash: String!, $issuer: String!) {\n    trustIssuer(keyHash: $keyHash, issuer: $issuer)\n  }\n"): typeof import('./graphql').TrustIssuerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UntrustIssuer($keyHash: String!) {\n    untrustIssuer(keyHash: $keyHash)\n  }\n"): typeof import('./graphql').UntrustIssuerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantRole($address: String!, $role: Role!) {\n    grantRole(address: $address, role: $role) {\n      address\n    }\n  }\n"): typeof import('./graphql').GrantRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeRole($address: String!, $role: Role!) {\n    revokeRole(address: $address, role: $role) {\n      address\n    }\n  }\n"): typeof import('./graphql').RevokeRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChainId {\n    health {\n      chain {\n        chainId\n      }\n    }\n  }\n"): typeof import('./graphql').ChainIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClaimFields on Claim {\n    id\n    patientId\n    policyId\n    use\n    status\n    reason\n    reasonText\n    billed\n    planPays\n    patientShare\n    currency\n    createdAt\n    txHash\n    chainStatus\n    decisionNote\n    decisionStatus\n    items {\n      code\n      display\n      serviceDate\n      amount\n    }\n    evidence {\n      recordId\n      resourceType\n      version\n      where\n      intact\n    }\n    explanationOfBenefit\n  }\n"): typeof import('./graphql').ClaimFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Claims($filter: ClaimFilterInput, $first: Int!, $after: String) {\n    claims(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...ClaimFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').ClaimsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimInputs($patientId: ID!) {\n    coverage(patientId: $patientId) {\n      id\n      policyId\n      start\n      end\n    }\n    records(patientId: $patientId, purpose: TREAT, first: 500, filter: { resourceTypes: [\"Claim\"] }) {\n      edges {\n        node {\n          id\n          resource\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ClaimInputsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitClaim($input: SubmitClaimInput!) {\n    submitClaim(input: $input) {\n      ...ClaimFields\n    }\n  }\n"): typeof import('./graphql').SubmitClaimDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewClaim($input: ReviewClaimInput!) {\n    reviewClaim(input: $input) {\n      ...ClaimFields\n    }\n  }\n"): typeof import('./graphql').ReviewClaimDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Policies {\n    policies {\n      id\n      version\n      name\n      chainStatus\n      txHash\n      rules {\n        code\n        display\n        covered\n        priorAuthRequired\n        requiredRecordTypes\n        periodDays\n        maxPerClaim\n        maxPerPeriod\n        copay\n        coinsurancePercent\n      }\n    }\n  }\n"): typeof import('./graphql').PoliciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishPolicy($input: PolicyInput!) {\n    publishPolicy(input: $input) {\n      id\n      version\n      chainStatus\n    }\n  }\n"): typeof import('./graphql').PublishPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AskForClaimRecords($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').AskForClaimRecordsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecordForPayment($id: ID!) {\n    record(id: $id, purpose: HPAYMT) {\n      id\n      resourceType\n      display\n      effectiveAt\n    }\n  }\n"): typeof import('./graphql').RecordForPaymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoverageRequests {\n    coverageRequests {\n      id\n      patientId\n      policyId\n      start\n      end\n      createdAt\n    }\n  }\n"): typeof import('./graphql').CoverageRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptCoverage($id: ID!) {\n    acceptCoverage(id: $id) {\n      id\n      state\n      chainStatus\n    }\n  }\n"): typeof import('./graphql').AcceptCoverageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCoverage($patientId: ID!) {\n    coverage(patientId: $patientId) {\n      id\n      policyId\n      start\n      end\n      state\n      chainStatus\n    }\n  }\n"): typeof import('./graphql').MyCoverageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterCoverage($patientId: ID!, $coverage: JSONObject!) {\n    registerCoverage(patientId: $patientId, coverage: $coverage) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql').RegisterCoverageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimsPatient {\n    me {\n      patientId\n    }\n  }\n"): typeof import('./graphql').ClaimsPatientDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CohortQuote($studyId: String!, $breakdown: [CohortDimension!]!, $epsilon: Float) {\n    cohortQuote(studyId: $studyId, breakdown: $breakdown, epsilon: $epsilon) {\n      cost\n      cached\n      budget\n      spent\n      remaining\n      fits\n    }\n  }\n"): typeof import('./graphql').CohortQuoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CohortCount($studyId: String!, $breakdown: [CohortDimension!]!, $epsilon: Float) {\n    cohortCount(studyId: $studyId, breakdown: $breakdown, epsilon: $epsilon) {\n      k\n      breakdown\n      total {\n        value\n        display\n      }\n      cells {\n        ageBand\n        sex\n        region\n        count {\n          value\n          display\n          suppressed\n        }\n      }\n      suppressedCells\n      cached\n      privacy {\n        epsilon\n        spent\n        remaining\n        budget\n      }\n    }\n  }\n"): typeof import('./graphql').CohortCountDocument;
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
export function graphql(source: "\n  query MyEmergencyAccesses {\n    emergencyAccesses {\n      id\n      doctor\n      reason\n      at\n      expiresAt\n      active\n      txHash\n      chainStatus\n    }\n  }\n"): typeof import('./graphql').MyEmergencyAccessesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StudyVotes($studyId: String!) {\n    studyVotes(studyId: $studyId) {\n      member\n      approve\n      txHash\n    }\n  }\n"): typeof import('./graphql').StudyVotesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReleaseReview($releaseId: String!) {\n    releaseReview(releaseId: $releaseId) {\n      datasetMatches\n      nullifierRootMatches\n      manifestMatchesChain\n      preview\n      votes {\n        member\n        approve\n        txHash\n      }\n      enrollments {\n        nullifier\n        txHash\n        blockNumber\n        proofVerifies\n        enrolledOnChain\n        signalsMatchStudy\n      }\n    }\n  }\n"): typeof import('./graphql').ReleaseReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrepareStudyVote($studyId: String!, $approve: Boolean!) {\n    prepareStudyVote(studyId: $studyId, approve: $approve) {\n      typedData\n    }\n  }\n"): typeof import('./graphql').PrepareStudyVoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CastStudyVote($studyId: String!, $approve: Boolean!, $signature: String!) {\n    castStudyVote(studyId: $studyId, approve: $approve, signature: $signature) {\n      status\n    }\n  }\n"): typeof import('./graphql').CastStudyVoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrepareReleaseVote($releaseId: String!, $approve: Boolean!) {\n    prepareReleaseVote(releaseId: $releaseId, approve: $approve) {\n      typedData\n    }\n  }\n"): typeof import('./graphql').PrepareReleaseVoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CastReleaseVote($releaseId: String!, $approve: Boolean!, $signature: String!) {\n    castReleaseVote(releaseId: $releaseId, approve: $approve, signature: $signature) {\n      status\n    }\n  }\n"): typeof import('./graphql').CastReleaseVoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuspendStudy($studyId: String!) {\n    suspendStudy(studyId: $studyId) {\n      status\n    }\n  }\n"): typeof import('./graphql').SuspendStudyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeStudy($studyId: String!) {\n    resumeStudy(studyId: $studyId) {\n      status\n    }\n  }\n"): typeof import('./graphql').ResumeStudyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CredentialRequests {\n    credentialRequests {\n      patientId\n      requestedAt\n    }\n  }\n"): typeof import('./graphql').CredentialRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueCredential($patientId: ID!) {\n    issueCredential(patientId: $patientId)\n  }\n"): typeof import('./graphql').IssueCredentialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyParticipation {\n    myCredentials\n    mySharedStudies\n  }\n"): typeof import('./graphql').MyParticipationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnrollmentStatus($studyId: String!, $nullifier: String!) {\n    enrollmentStatus(studyId: $studyId, nullifier: $nullifier) {\n      enrolled\n      withdrawn\n    }\n  }\n"): typeof import('./graphql').EnrollmentStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestCredential($commitment: String!) {\n    requestCredential(commitment: $commitment)\n  }\n"): typeof import('./graphql').RequestCredentialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Enroll($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {\n    enroll(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {\n      nullifier\n    }\n  }\n"): typeof import('./graphql').EnrollDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShareWithStudy($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {\n    shareWithStudy(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {\n      nullifier\n    }\n  }\n"): typeof import('./graphql').ShareWithStudyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Withdraw($studyId: String!, $proof: JSONObject!, $publicSignals: [String!]!) {\n    withdraw(studyId: $studyId, proof: $proof, publicSignals: $publicSignals) {\n      nullifier\n    }\n  }\n"): typeof import('./graphql').WithdrawDocument;
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
export function graphql(source: "\n  query RecordDetail($id: ID!, $purpose: PurposeOfUse) {\n    record(id: $id, purpose: $purpose) {\n      id\n      fhirId\n      resourceType\n      display\n      code\n      codeSystem\n      clinicalStatus\n      effectiveAt\n      valueQuantity\n      valueUnit\n      version\n      lifecycle\n      author\n      resource\n    }\n    recordHistory(id: $id, purpose: $purpose) {\n      version\n      lifecycle\n      author\n      reason\n      createdAt\n      contentHash\n    }\n  }\n"): typeof import('./graphql').RecordDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyRecord($id: ID!) {\n    verifyRecordIntegrity(id: $id) {\n      ok\n      firstBadVersion\n      versions {\n        version\n        ok\n        problem\n        anchorTx\n      }\n    }\n  }\n"): typeof import('./graphql').VerifyRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRecord($patientId: ID!, $resource: JSONObject!) {\n    createRecord(patientId: $patientId, resource: $resource) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').CreateRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AmendRecord($id: ID!, $resource: JSONObject!, $reason: String) {\n    amendRecord(id: $id, resource: $resource, reason: $reason) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').AmendRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientChart($patientId: ID!, $purpose: PurposeOfUse, $types: [String!], $first: Int!, $after: String) {\n    records(patientId: $patientId, purpose: $purpose, filter: { resourceTypes: $types }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          resourceType\n          display\n          code\n          clinicalStatus\n          effectiveAt\n          valueQuantity\n          valueUnit\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').PatientChartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposeStudy($input: StudyProposalInput!) {\n    proposeStudy(input: $input) {\n      studyId\n    }\n  }\n"): typeof import('./graphql').ProposeStudyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrepareRelease($studyId: String!) {\n    prepareRelease(studyId: $studyId) {\n      releaseId\n    }\n  }\n"): typeof import('./graphql').PrepareReleaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DownloadRelease($releaseId: String!, $format: ReleaseFormat!) {\n    release(releaseId: $releaseId, format: $format) {\n      content\n    }\n  }\n"): typeof import('./graphql').DownloadReleaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthChallenge($address: String!) {\n    authChallenge(address: $address) {\n      message\n    }\n  }\n"): typeof import('./graphql').AuthChallengeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($message: String!, $signature: String!) {\n    signIn(message: $message, signature: $signature) {\n      token\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      address\n      roles\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Studies($status: [StudyStatus!], $researcher: String) {\n    studies(status: $status, researcher: $researcher) {\n      studyId\n      title\n      purpose\n      protocol\n      status\n      version\n      approvals\n      rejections\n      quorum\n      researcher\n      minCohortSize\n      dpBudget\n      requestedFields\n      dataUse {\n        code\n        meaning\n      }\n      summary\n      open\n      onChainMatches\n      criteria {\n        minAge\n        maxAge\n        referenceDate\n        sexes\n        zip3\n        anyOf {\n          system\n          code\n        }\n        noneOf {\n          system\n          code\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').StudiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StudyReleases($studyId: String!) {\n    releases(studyId: $studyId) {\n      releaseId\n      studyId\n      status\n      approvals\n      rejections\n      quorum\n      downloadable\n      rowCount\n      achievedK\n      suppressedRows\n      manifestHash\n      txHash\n      manifest\n    }\n  }\n"): typeof import('./graphql').StudyReleasesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
