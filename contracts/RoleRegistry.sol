// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IRoleRegistry} from "./interfaces/IRoleRegistry.sol";

/// @title RoleRegistry
/// @notice Role assignments for MedLedger accounts. The admin (DEFAULT_ADMIN_ROLE) grants and
///         revokes roles; the API mirrors them from the RoleGranted/RoleRevoked events.
contract RoleRegistry is AccessControl, IRoleRegistry {
    bytes32 public constant PATIENT_ROLE = keccak256("PATIENT_ROLE");
    bytes32 public constant DOCTOR_ROLE = keccak256("DOCTOR_ROLE");
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    bytes32 public constant RESEARCHER_ROLE = keccak256("RESEARCHER_ROLE");
    bytes32 public constant ETHICS_BOARD_ROLE = keccak256("ETHICS_BOARD_ROLE");
    bytes32 public constant INSURER_ROLE = keccak256("INSURER_ROLE");

    /// @param admin The first admin; it may grant every role, including admin.
    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IRoleRegistry
    function allRoles() public pure returns (bytes32[7] memory) {
        return [DEFAULT_ADMIN_ROLE, PATIENT_ROLE, DOCTOR_ROLE, ISSUER_ROLE, RESEARCHER_ROLE, ETHICS_BOARD_ROLE, INSURER_ROLE];
    }

    /// @inheritdoc IRoleRegistry
    function roleMask(address account) external view returns (uint256 mask) {
        bytes32[7] memory roles = allRoles();
        for (uint256 i = 0; i < roles.length; i++) {
            if (hasRole(roles[i], account)) mask |= 1 << i;
        }
    }

    /// @notice Grants a MedLedger role; only the admin may call it.
    /// @dev Reverts with RoleRegistryUnknownRole for roles MedLedger does not define.
    function grantRole(bytes32 role, address account) public override {
        _requireKnownRole(role);
        super.grantRole(role, account);
    }

    /// @notice Revokes a MedLedger role; only the admin may call it.
    function revokeRole(bytes32 role, address account) public override {
        _requireKnownRole(role);
        super.revokeRole(role, account);
    }

    function _requireKnownRole(bytes32 role) private pure {
        bytes32[7] memory roles = allRoles();
        for (uint256 i = 0; i < roles.length; i++) {
            if (roles[i] == role) return;
        }
        revert RoleRegistryUnknownRole(role);
    }
}
