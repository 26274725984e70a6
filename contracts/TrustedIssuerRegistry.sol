// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ITrustedIssuerRegistry} from "./interfaces/IEligibility.sol";
import {RoleRegistry} from "./RoleRegistry.sol";

/// @title TrustedIssuerRegistry
/// @notice The credential issuers whose signatures eligibility proofs may rely on.
contract TrustedIssuerRegistry is ITrustedIssuerRegistry {
    RoleRegistry public immutable roles;
    mapping(uint256 keyHash => address issuer) private _issuers;

    constructor(RoleRegistry roles_) {
        roles = roles_;
    }

    modifier onlyAdmin() {
        if (!roles.hasRole(roles.DEFAULT_ADMIN_ROLE(), msg.sender)) revert IssuerRegistryNotAdmin(msg.sender);
        _;
    }

    /// @inheritdoc ITrustedIssuerRegistry
    function addIssuer(uint256 keyHash, address issuer) external onlyAdmin {
        if (_issuers[keyHash] != address(0)) revert IssuerRegistryAlreadyTrusted(keyHash);
        _issuers[keyHash] = issuer;
        emit IssuerAdded(keyHash, issuer);
    }

    /// @inheritdoc ITrustedIssuerRegistry
    function removeIssuer(uint256 keyHash) external onlyAdmin {
        if (_issuers[keyHash] == address(0)) revert IssuerRegistryUnknown(keyHash);
        delete _issuers[keyHash];
        emit IssuerRemoved(keyHash);
    }

    /// @inheritdoc ITrustedIssuerRegistry
    function isTrusted(uint256 keyHash) external view returns (bool) {
        return _issuers[keyHash] != address(0);
    }
}
