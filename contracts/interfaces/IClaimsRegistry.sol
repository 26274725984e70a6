// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title MedLedger claims registry: insurers' policies as code, coverage, claims and their adjudication
/// @notice Insurers publish policy rules per procedure code (covered, limits per claim and per
///         period, supporting record types required, prior authorisation, the patient's share).
///         A claim names a coverage, its items (code, service day, quantity, amount) and the
///         record versions it cites, each with a Merkle proof against the AnchorRegistry root of
///         its batch. The contract adjudicates on submission: approved with the payable amount,
///         rejected with a reason, or sent to the insurer's review (a code the policy does not
///         cover). Patients appear only as a salted reference (`patientRef`), as elsewhere.
///         Amounts are in the smallest currency unit (cents); days are days since 1970-01-01 (UTC).
interface IClaimsRegistry {
    /// @notice One procedure code's rule in a policy. Zero limits mean "no limit".
    struct Rule {
        bool covered;
        bool priorAuthRequired;
        /// @notice Bit i set: a cited record of type i is required (the types are listed in contracts/deploy/claims.json).
        uint32 requiredRecordTypes;
        uint32 periodDays;
        uint64 maxPerClaim;
        uint64 maxPerPeriod;
        /// @notice The patient pays `copay` plus `coinsuranceBps`/10000 of the rest of each item, never more than the item.
        uint64 copay;
        uint16 coinsuranceBps;
    }

    struct Item {
        bytes32 code;
        uint32 serviceDay;
        uint32 quantity;
        uint64 amount;
    }

    /// @notice A cited record version: its ledger sequence number and version hash, the anchor
    ///         batch holding it and the inclusion proof (OpenZeppelin StandardMerkleTree leaf of
    ///         (uint256 seq, bytes32 versionHash)).
    struct Evidence {
        uint8 recordType;
        uint64 seq;
        bytes32 versionHash;
        uint256 anchorIndex;
        bytes32[] proof;
    }

    struct Claim {
        /// @notice sha256 of the FHIR Claim's canonical JSON: the claim's identity on chain.
        bytes32 claimId;
        bytes32 coverageId;
        address provider;
        /// @notice A prior-authorisation request (FHIR Claim.use = preauthorization) rather than a claim.
        bool preauthorization;
        /// @notice The approved prior authorisation this claim relies on (zero: none).
        bytes32 priorAuthId;
        Item[] items;
        Evidence[] evidence;
    }

    enum Status {
        None,
        Approved,
        Rejected,
        Review
    }

    /// @notice Why a claim was rejected or sent to review (the same list is in README › Claims).
    enum Reason {
        None,
        NotCovered,
        OverClaimLimit,
        OverPeriodLimit,
        OutsideCoverage,
        Duplicate,
        UnanchoredEvidence,
        MissingEvidence,
        PriorAuthRequired,
        PriorAuthInvalid,
        InsurerDecision
    }

    struct Coverage {
        bytes32 policyId;
        bytes32 patientRef;
        uint32 startDay;
        uint32 endDay;
    }

    struct Outcome {
        Status status;
        Reason reason;
        bool preauthorization;
        uint32 policyVersion;
        bytes32 coverageId;
        address provider;
        uint64 billed;
        uint64 planPays;
        uint64 patientShare;
    }

    error ClaimsNotRelayer(address caller);
    error ClaimsNotInsurer(address account);
    error ClaimsNotDoctor(address account);
    error ClaimsPolicyOwnedByAnother(bytes32 policyId, address insurer);
    error ClaimsBadPolicy(bytes32 policyId);
    error ClaimsUnknownPolicy(bytes32 policyId);
    error ClaimsCoverageExists(bytes32 coverageId);
    error ClaimsBadCoverage(bytes32 coverageId);
    error ClaimsUnknownCoverage(bytes32 coverageId);
    error ClaimsAlreadySubmitted(bytes32 claimId);
    error ClaimsEmpty(bytes32 claimId);
    error ClaimsUnknown(bytes32 claimId);
    error ClaimsNotInReview(bytes32 claimId);
    error ClaimsBadDecision(bytes32 claimId);

    event PolicyPublished(bytes32 indexed policyId, address indexed insurer, uint32 version, uint256 rules);
    event CoverageRegistered(bytes32 indexed coverageId, bytes32 indexed policyId, bytes32 patientRef, uint32 startDay, uint32 endDay);
    event ClaimAdjudicated(
        bytes32 indexed claimId,
        bytes32 indexed coverageId,
        Status status,
        Reason reason,
        uint64 billed,
        uint64 planPays,
        uint64 patientShare
    );
    event ClaimReviewed(bytes32 indexed claimId, address indexed insurer, Status status, Reason reason, uint64 planPays);

    /// @notice Publishes (or replaces, as a new version) a policy's rules; the first publisher owns the policy.
    function publishPolicy(bytes32 policyId, address insurer, bytes32[] calldata codes, Rule[] calldata rules) external returns (uint32 version);

    /// @notice Registers a patient's coverage under a policy (FHIR Coverage: period as days).
    function registerCoverage(bytes32 coverageId, Coverage calldata coverage) external;

    /// @notice Adjudicates a claim (or a prior-authorisation request) and records the outcome.
    function submitClaim(Claim calldata claim) external returns (Status status, Reason reason, uint64 planPays);

    /// @notice The policy's insurer decides a claim in review: approve with a payable amount (at most what was billed), or reject with a reason.
    function decideClaim(bytes32 claimId, address insurer, bool approve, uint64 planPays, Reason reason) external;

    function outcome(bytes32 claimId) external view returns (Outcome memory);

    function rule(bytes32 policyId, bytes32 code) external view returns (Rule memory);
}
