// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IStudyGate} from "./interfaces/IEligibility.sol";
import {RoleRegistry} from "./RoleRegistry.sol";

/// @title StudyGate
/// @notice Minimal study registry: an ethics-board member opens a study for enrollment with
///         its criteria hash and trusted issuer, and closes it. The Research sharing issue
///         replaces it with proposals, m-of-n votes and amendments.
contract StudyGate is IStudyGate {
    RoleRegistry public immutable roles;
    mapping(uint256 studyId => Study) private _studies;

    constructor(RoleRegistry roles_) {
        roles = roles_;
    }

    modifier onlyEthicsBoard() {
        if (!roles.hasRole(roles.ETHICS_BOARD_ROLE(), msg.sender)) revert StudyGateNotEthicsBoard(msg.sender);
        _;
    }

    /// @inheritdoc IStudyGate
    function openStudy(uint256 studyId, uint256 criteriaHash, uint256 issuerKeyHash) external onlyEthicsBoard {
        if (_studies[studyId].criteriaHash != 0) revert StudyGateAlreadyExists(studyId);
        _studies[studyId] = Study({criteriaHash: criteriaHash, issuerKeyHash: issuerKeyHash, open: true});
        emit StudyOpened(studyId, criteriaHash, issuerKeyHash);
    }

    /// @inheritdoc IStudyGate
    function closeStudy(uint256 studyId) external onlyEthicsBoard {
        if (_studies[studyId].criteriaHash == 0) revert StudyGateUnknown(studyId);
        _studies[studyId].open = false;
        emit StudyClosed(studyId);
    }

    /// @inheritdoc IStudyGate
    function study(uint256 studyId) external view returns (Study memory) {
        return _studies[studyId];
    }
}
