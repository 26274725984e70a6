// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEligibilityEnrollment, ITrustedIssuerRegistry} from "./interfaces/IEligibility.sol";
import {IStudyRegistry} from "./interfaces/IResearch.sol";
import {EligibilityVerifier} from "./generated/EligibilityVerifier.sol";
import {NullifierOwnershipVerifier} from "./generated/NullifierOwnershipVerifier.sol";

/// @title EligibilityEnrollment
/// @notice Enrolls patients in approved studies with a zero-knowledge eligibility proof: checks
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

    /// @notice The `action` a withdrawal proof must be bound to: the first 31 bytes of sha256("medledger:withdraw").
    uint256 public immutable WITHDRAW_ACTION;

    enum Status {
        None,
        Enrolled,
        Withdrawn
    }

    EligibilityVerifier public immutable verifier;
    NullifierOwnershipVerifier public immutable ownershipVerifier;
    IStudyRegistry public immutable studies;
    ITrustedIssuerRegistry public immutable issuers;

    mapping(uint256 studyId => mapping(uint256 nullifier => Status)) private _status;

    constructor(EligibilityVerifier verifier_, NullifierOwnershipVerifier ownershipVerifier_, IStudyRegistry studies_, ITrustedIssuerRegistry issuers_) {
        verifier = verifier_;
        ownershipVerifier = ownershipVerifier_;
        studies = studies_;
        issuers = issuers_;
        WITHDRAW_ACTION = uint256(sha256("medledger:withdraw")) >> 8;
    }

    /// @notice Today's day number on chain.
    function today() public view returns (uint256) {
        return (block.timestamp + DAY_EPOCH_OFFSET) / 1 days;
    }

    /// @inheritdoc IEligibilityEnrollment
    function enroll(uint256 studyId, uint256[2] calldata a, uint256[2][2] calldata b, uint256[2] calldata c, uint256[5] calldata signals)
        external
    {
        (uint256 criteriaHash, uint256 issuerKeyHash, bool open) = studies.enrollmentTerms(studyId);
        if (!open) revert EnrollmentStudyNotOpen(studyId);
        if (signals[SIGNAL_STUDY_ID] != studyId) revert EnrollmentWrongStudy(studyId, signals[SIGNAL_STUDY_ID]);
        if (signals[SIGNAL_CRITERIA_HASH] != criteriaHash) revert EnrollmentCriteriaMismatch(studyId);
        if (signals[SIGNAL_ISSUER_KEY_HASH] != issuerKeyHash) revert EnrollmentIssuerMismatch(studyId);
        if (!issuers.isTrusted(signals[SIGNAL_ISSUER_KEY_HASH])) revert EnrollmentIssuerNotTrusted(signals[SIGNAL_ISSUER_KEY_HASH]);
        uint256 day = today();
        uint256 proofDate = signals[SIGNAL_PROOF_DATE];
        if (proofDate + MAX_PROOF_AGE_DAYS < day || proofDate > day + MAX_PROOF_AGE_DAYS) revert EnrollmentStaleProofDate(proofDate, day);
        uint256 nullifier = signals[SIGNAL_NULLIFIER];
        if (_status[studyId][nullifier] != Status.None) revert EnrollmentNullifierUsed(studyId, nullifier);
        if (!verifier.verifyProof(a, b, c, signals)) revert EnrollmentInvalidProof();
        _status[studyId][nullifier] = Status.Enrolled;
        emit Enrolled(studyId, nullifier);
    }

    /// @inheritdoc IEligibilityEnrollment
    function withdraw(uint256 studyId, uint256[2] calldata a, uint256[2][2] calldata b, uint256[2] calldata c, uint256[3] calldata signals)
        external
    {
        uint256 nullifier = signals[0];
        if (signals[1] != studyId) revert EnrollmentWrongStudy(studyId, signals[1]);
        if (signals[2] != WITHDRAW_ACTION) revert EnrollmentWrongAction(signals[2]);
        if (_status[studyId][nullifier] != Status.Enrolled) revert EnrollmentNotEnrolled(studyId, nullifier);
        if (!ownershipVerifier.verifyProof(a, b, c, signals)) revert EnrollmentInvalidProof();
        _status[studyId][nullifier] = Status.Withdrawn;
        emit Withdrawn(studyId, nullifier);
    }

    /// @inheritdoc IEligibilityEnrollment
    function isEnrolled(uint256 studyId, uint256 nullifier) external view returns (bool) {
        return _status[studyId][nullifier] == Status.Enrolled;
    }

    /// @inheritdoc IEligibilityEnrollment
    function isWithdrawn(uint256 studyId, uint256 nullifier) external view returns (bool) {
        return _status[studyId][nullifier] == Status.Withdrawn;
    }
}
