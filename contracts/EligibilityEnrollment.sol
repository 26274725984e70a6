// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEligibilityEnrollment, IStudyGate, ITrustedIssuerRegistry} from "./interfaces/IEligibility.sol";
import {EligibilityVerifier} from "./generated/EligibilityVerifier.sol";

/// @title EligibilityEnrollment
/// @notice Enrolls patients in open studies with a zero-knowledge eligibility proof: checks
///         the public signals against the study and the trusted issuers, verifies the Groth16
///         proof with the generated verifier, and spends the study-specific nullifier once.
contract EligibilityEnrollment is IEligibilityEnrollment {
    /// @notice Positions of the public signals (api/src/zk/eligibility-encoding.ts, checked by a test).
    uint256 public constant SIGNAL_NULLIFIER = 0;
    uint256 public constant SIGNAL_CRITERIA_HASH = 1;
    uint256 public constant SIGNAL_ISSUER_KEY_HASH = 2;
    uint256 public constant SIGNAL_STUDY_ID = 3;
    uint256 public constant SIGNAL_PROOF_DATE = 4;

    /// @notice Seconds from 1900-01-01 to 1970-01-01: day numbers count from 1900-01-01.
    uint256 public constant DAY_EPOCH_OFFSET = 2208988800;
    /// @notice How far the proof date may be from the chain's current day (clock skew, time zones).
    uint256 public constant MAX_PROOF_AGE_DAYS = 1;

    EligibilityVerifier public immutable verifier;
    IStudyGate public immutable studies;
    ITrustedIssuerRegistry public immutable issuers;

    mapping(uint256 studyId => mapping(uint256 nullifier => bool)) private _enrolled;

    constructor(EligibilityVerifier verifier_, IStudyGate studies_, ITrustedIssuerRegistry issuers_) {
        verifier = verifier_;
        studies = studies_;
        issuers = issuers_;
    }

    /// @notice Today's day number on chain.
    function today() public view returns (uint256) {
        return (block.timestamp + DAY_EPOCH_OFFSET) / 1 days;
    }

    /// @inheritdoc IEligibilityEnrollment
    function enroll(uint256 studyId, uint256[2] calldata a, uint256[2][2] calldata b, uint256[2] calldata c, uint256[5] calldata signals)
        external
    {
        IStudyGate.Study memory s = studies.study(studyId);
        if (!s.open) revert EnrollmentStudyNotOpen(studyId);
        if (signals[SIGNAL_STUDY_ID] != studyId) revert EnrollmentWrongStudy(studyId, signals[SIGNAL_STUDY_ID]);
        if (signals[SIGNAL_CRITERIA_HASH] != s.criteriaHash) revert EnrollmentCriteriaMismatch(studyId);
        if (signals[SIGNAL_ISSUER_KEY_HASH] != s.issuerKeyHash) revert EnrollmentIssuerMismatch(studyId);
        if (!issuers.isTrusted(signals[SIGNAL_ISSUER_KEY_HASH])) revert EnrollmentIssuerNotTrusted(signals[SIGNAL_ISSUER_KEY_HASH]);
        uint256 day = today();
        uint256 proofDate = signals[SIGNAL_PROOF_DATE];
        if (proofDate + MAX_PROOF_AGE_DAYS < day || proofDate > day + MAX_PROOF_AGE_DAYS) revert EnrollmentStaleProofDate(proofDate, day);
        uint256 nullifier = signals[SIGNAL_NULLIFIER];
        if (_enrolled[studyId][nullifier]) revert EnrollmentNullifierUsed(studyId, nullifier);
        if (!verifier.verifyProof(a, b, c, signals)) revert EnrollmentInvalidProof();
        _enrolled[studyId][nullifier] = true;
        emit Enrolled(studyId, nullifier);
    }

    /// @inheritdoc IEligibilityEnrollment
    function isEnrolled(uint256 studyId, uint256 nullifier) external view returns (bool) {
        return _enrolled[studyId][nullifier];
    }
}
