// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title MedLedger role registry
/// @notice The on-chain source of truth for who is a patient, doctor, issuer, researcher,
///         ethics-board member, insurer or admin. Holds addresses only, never personal data.
interface IRoleRegistry {
    /// @notice A role that MedLedger does not define was passed to grant or revoke.
    error RoleRegistryUnknownRole(bytes32 role);

    /// @notice Bit mask of the MedLedger roles `account` holds (bit i = role i in `allRoles`).
    function roleMask(address account) external view returns (uint256);

    /// @notice The MedLedger roles in bit order: admin, patient, doctor, issuer, researcher, ethics board, insurer.
    function allRoles() external pure returns (bytes32[7] memory);
}
