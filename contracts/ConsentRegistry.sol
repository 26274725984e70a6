// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IConsentRegistry} from "./interfaces/IConsentRegistry.sol";

/// @title ConsentRegistry
/// @notice Patient-signed consents (EIP-712), their revocations, and break-glass records.
contract ConsentRegistry is IConsentRegistry, EIP712 {
    bytes32 public constant CONSENT_TYPEHASH =
        keccak256("Consent(address patient,address grantee,bytes32 scopeHash,bytes32 purpose,uint64 expiresAt,uint256 nonce)");
    bytes32 public constant REVOCATION_TYPEHASH = keccak256("Revocation(bytes32 consentId,uint256 deadline)");

    struct Record {
        address patient;
        uint64 expiresAt;
        bool revoked;
    }

    /// @notice The account allowed to record break-glass events (the API's relayer).
    address public immutable relayer;

    mapping(bytes32 id => Record) private _consents;

    /// @param relayer_ The API's relayer account.
    constructor(address relayer_) EIP712("MedLedger ConsentRegistry", "1") {
        relayer = relayer_;
    }

    /// @notice The EIP-712 digest a patient signs for `consent`; its value is also the consent id.
    function consentDigest(Consent calldata consent) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    CONSENT_TYPEHASH, consent.patient, consent.grantee, consent.scopeHash, consent.purpose, consent.expiresAt, consent.nonce
                )
            )
        );
    }

    /// @inheritdoc IConsentRegistry
    function grantConsent(Consent calldata consent, bytes calldata signature) external returns (bytes32 id) {
        id = consentDigest(consent);
        if (!SignatureChecker.isValidSignatureNow(consent.patient, id, signature)) revert ConsentBadSignature(consent.patient);
        if (consent.expiresAt <= block.timestamp) revert ConsentExpired(consent.expiresAt);
        if (_consents[id].patient != address(0)) revert ConsentAlreadyGranted(id);
        _consents[id] = Record({patient: consent.patient, expiresAt: consent.expiresAt, revoked: false});
        emit ConsentGranted(id, consent.patient, consent.grantee, consent.purpose, consent.scopeHash, consent.expiresAt);
    }

    /// @inheritdoc IConsentRegistry
    function revokeConsent(bytes32 id, uint256 deadline, bytes calldata signature) external {
        Record storage record = _consents[id];
        if (record.patient == address(0)) revert ConsentUnknown(id);
        if (record.revoked) revert ConsentAlreadyRevoked(id);
        if (deadline < block.timestamp) revert ConsentRevocationExpired(deadline);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(REVOCATION_TYPEHASH, id, deadline)));
        if (!SignatureChecker.isValidSignatureNow(record.patient, digest, signature)) revert ConsentBadSignature(record.patient);
        record.revoked = true;
        emit ConsentRevoked(id, record.patient);
    }

    /// @inheritdoc IConsentRegistry
    function isActive(bytes32 id) external view returns (bool) {
        Record storage record = _consents[id];
        return record.patient != address(0) && !record.revoked && record.expiresAt > block.timestamp;
    }

    /// @inheritdoc IConsentRegistry
    function recordEmergencyAccess(bytes32 patientRef, address doctor, bytes32 reasonHash, uint64 expiresAt) external {
        if (msg.sender != relayer) revert ConsentNotRelayer(msg.sender);
        emit EmergencyAccessRecorded(patientRef, doctor, reasonHash, expiresAt);
    }
}
