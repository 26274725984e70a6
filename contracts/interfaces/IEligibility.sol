// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Trusted issuers of eligibility credentials
/// @notice An issuer is known by the Poseidon hash of its BabyJubJub public key (what the
///         eligibility circuit exposes as `issuerKeyHash`). Admins add and remove issuers.
interface ITrustedIssuerRegistry {
    error IssuerRegistryNotAdmin(address caller);
    error IssuerRegistryAlreadyTrusted(uint256 keyHash);
    error IssuerRegistryUnknown(uint256 keyHash);

    event IssuerAdded(uint256 indexed keyHash, address indexed issuer);
    event IssuerRemoved(uint256 indexed keyHash);

    /// @notice Trusts the issuer whose BabyJubJub key hashes to `keyHash`; `issuer` is its account.
    function addIssuer(uint256 keyHash, address issuer) external;

    /// @notice Stops trusting an issuer; proofs under its credentials are refused from now on.
    function removeIssuer(uint256 keyHash) external;

    function isTrusted(uint256 keyHash) external view returns (bool);
}

/// @title Anonymous enrollment in studies with eligibility proofs
interface IEligibilityEnrollment {
    error EnrollmentStudyNotOpen(uint256 studyId);
    error EnrollmentWrongStudy(uint256 studyId, uint256 provedStudyId);
    error EnrollmentCriteriaMismatch(uint256 studyId);
    error EnrollmentIssuerMismatch(uint256 studyId);
    error EnrollmentIssuerNotTrusted(uint256 issuerKeyHash);
    error EnrollmentStaleProofDate(uint256 proofDate, uint256 today);
    error EnrollmentNullifierUsed(uint256 studyId, uint256 nullifier);
    error EnrollmentInvalidProof();
    error EnrollmentNotEnrolled(uint256 studyId, uint256 nullifier);
    error EnrollmentWrongAction(uint256 action);

    /// @notice A participant enrolled; `nullifier` is their pseudonym in this study.
    event Enrolled(uint256 indexed studyId, uint256 indexed nullifier);

    /// @notice A participant withdrew; later releases must leave `nullifier` out.
    event Withdrawn(uint256 indexed studyId, uint256 indexed nullifier);

    /// @notice Enrolls the prover of `signals` in `studyId`. Signals in circuit order:
    ///         [nullifier, criteriaHash, issuerKeyHash, studyId, proofDate].
    function enroll(uint256 studyId, uint256[2] calldata a, uint256[2][2] calldata b, uint256[2] calldata c, uint256[5] calldata signals) external;

    /// @notice Withdraws the participant `signals[0]` from `studyId` with a nullifier-ownership
    ///         proof: signals [nullifier, scope = studyId, action = WITHDRAW_ACTION].
    function withdraw(uint256 studyId, uint256[2] calldata a, uint256[2][2] calldata b, uint256[2] calldata c, uint256[3] calldata signals) external;

    /// @notice True while `nullifier` is enrolled in `studyId` and has not withdrawn.
    function isEnrolled(uint256 studyId, uint256 nullifier) external view returns (bool);

    /// @notice True once `nullifier` has withdrawn from `studyId`.
    function isWithdrawn(uint256 studyId, uint256 nullifier) external view returns (bool);
}
