// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title MedLedger consent registry
/// @notice Patients sign EIP-712 consents off chain; a relayer submits them, so patients need no
///         ETH. Only addresses, hashes and times are stored: the scope itself (which resource
///         types or records) stays in the custodian's database and is committed to by `scopeHash`.
interface IConsentRegistry {
    /// @notice What a patient signs to let `grantee` read part of their records.
    /// @param patient   the patient's account (the signer)
    /// @param grantee   the doctor's account
    /// @param scopeHash keccak256 of the canonical scope (resource types / record ids)
    /// @param purpose   HL7 ActReason code, right-padded ASCII (e.g. "TREAT")
    /// @param expiresAt unix seconds after which the consent is void
    /// @param nonce     any unused number, so identical consents can be granted again
    struct Consent {
        address patient;
        address grantee;
        bytes32 scopeHash;
        bytes32 purpose;
        uint64 expiresAt;
        uint256 nonce;
    }

    error ConsentBadSignature(address expectedSigner);
    error ConsentExpired(uint64 expiresAt);
    error ConsentAlreadyGranted(bytes32 id);
    error ConsentUnknown(bytes32 id);
    error ConsentAlreadyRevoked(bytes32 id);
    error ConsentRevocationExpired(uint256 deadline);
    error ConsentNotRelayer(address caller);

    event ConsentGranted(bytes32 indexed id, address indexed patient, address indexed grantee, bytes32 purpose, bytes32 scopeHash, uint64 expiresAt);
    event ConsentRevoked(bytes32 indexed id, address indexed patient);
    /// @notice A doctor opened a patient's emergency profile (break-glass). `patientRef` and
    ///         `reasonHash` are hashes; the reason itself stays off chain.
    event EmergencyAccessRecorded(bytes32 indexed patientRef, address indexed doctor, bytes32 reasonHash, uint64 expiresAt);

    /// @notice Records a consent signed by `consent.patient`. Anyone may relay it.
    function grantConsent(Consent calldata consent, bytes calldata signature) external returns (bytes32 id);

    /// @notice Revokes consent `id` with the patient's EIP-712 Revocation signature, valid until `deadline`.
    function revokeConsent(bytes32 id, uint256 deadline, bytes calldata signature) external;

    /// @notice True while consent `id` is granted, not revoked and not expired.
    function isActive(bytes32 id) external view returns (bool);

    /// @notice Records a break-glass access (relayer only: the API checked the doctor's role and reason).
    function recordEmergencyAccess(bytes32 patientRef, address doctor, bytes32 reasonHash, uint64 expiresAt) external;
}
