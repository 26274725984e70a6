// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IStudyRegistry} from "./interfaces/IResearch.sol";
import {RoleRegistry} from "./RoleRegistry.sol";

/// @title StudyRegistry
/// @notice Research studies by hash: proposals, amendments, m-of-n ethics-board votes (EIP-712),
///         suspension and closure. Enrollment and releases read a study's state from here.
contract StudyRegistry is IStudyRegistry, EIP712 {
    bytes32 public constant STUDY_VOTE_TYPEHASH = keccak256("StudyVote(uint256 studyId,uint32 version,bytes32 termsHash,bool approve)");

    RoleRegistry public immutable roles;
    /// @notice The custodian API's relayer account: it submits proposals and lifecycle steps for signed-in users.
    address public immutable relayer;
    /// @inheritdoc IStudyRegistry
    uint16 public quorum;

    mapping(uint256 studyId => Study) private _studies;
    mapping(uint256 studyId => mapping(uint32 version => mapping(address member => bool))) private _voted;
    /// @dev Every ballot cast on a version, so each decision can count the voters who are still members.
    mapping(uint256 studyId => mapping(uint32 version => Ballot[])) private _ballots;

    struct Ballot {
        address member;
        bool approve;
    }

    /// @param quorum_ Votes that decide (m of the n ethics-board members).
    constructor(RoleRegistry roles_, address relayer_, uint16 quorum_) EIP712("MedLedger StudyRegistry", "1") {
        if (quorum_ == 0) revert StudyBadQuorum(quorum_);
        roles = roles_;
        relayer = relayer_;
        quorum = quorum_;
    }

    function _isEthicsMember(address account) private view returns (bool) {
        return roles.hasRole(roles.ETHICS_BOARD_ROLE(), account);
    }

    function _existing(uint256 studyId) private view returns (Study storage s) {
        s = _studies[studyId];
        if (s.status == Status.None) revert StudyUnknown(studyId);
    }

    function _requireStatus(uint256 studyId, Study storage s, Status expected) private view {
        if (s.status != expected) revert StudyWrongStatus(studyId, s.status);
    }

    function _requireHashes(bytes32 protocolHash, bytes32 termsHash, uint256 criteriaHash, uint256 issuerKeyHash) private pure {
        if (protocolHash == 0 || termsHash == 0 || criteriaHash == 0 || issuerKeyHash == 0) revert StudyMissingHash();
    }

    /// @inheritdoc IStudyRegistry
    function propose(uint256 studyId, address researcher, bytes32 protocolHash, bytes32 termsHash, uint256 criteriaHash, uint256 issuerKeyHash)
        external
    {
        if (msg.sender != researcher && msg.sender != relayer) revert StudyNotAllowed(msg.sender);
        if (!roles.hasRole(roles.RESEARCHER_ROLE(), researcher)) revert StudyNotResearcher(researcher);
        if (_studies[studyId].status != Status.None) revert StudyAlreadyExists(studyId);
        _requireHashes(protocolHash, termsHash, criteriaHash, issuerKeyHash);
        _studies[studyId] = Study({
            researcher: researcher,
            status: Status.Proposed,
            version: 1,
            approvals: 0,
            rejections: 0,
            quorum: quorum,
            protocolHash: protocolHash,
            termsHash: termsHash,
            criteriaHash: criteriaHash,
            issuerKeyHash: issuerKeyHash
        });
        emit StudyProposed(studyId, researcher, protocolHash, termsHash, criteriaHash, issuerKeyHash);
    }

    /// @inheritdoc IStudyRegistry
    function amend(uint256 studyId, bytes32 protocolHash, bytes32 termsHash, uint256 criteriaHash, uint256 issuerKeyHash) external {
        Study storage s = _existing(studyId);
        if (msg.sender != s.researcher && msg.sender != relayer) revert StudyNotAllowed(msg.sender);
        if (s.status == Status.Suspended || s.status == Status.Closed) revert StudyWrongStatus(studyId, s.status);
        _requireHashes(protocolHash, termsHash, criteriaHash, issuerKeyHash);
        s.version += 1;
        s.status = Status.Proposed;
        s.approvals = 0;
        s.rejections = 0;
        s.quorum = quorum;
        s.protocolHash = protocolHash;
        s.termsHash = termsHash;
        s.criteriaHash = criteriaHash;
        s.issuerKeyHash = issuerKeyHash;
        emit StudyAmended(studyId, s.version, protocolHash, termsHash, criteriaHash, issuerKeyHash);
    }

    /// @notice The EIP-712 digest an ethics-board member signs for `ballot`.
    function voteDigest(StudyVote calldata ballot) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(STUDY_VOTE_TYPEHASH, ballot.studyId, ballot.version, ballot.termsHash, ballot.approve)));
    }

    /// @inheritdoc IStudyRegistry
    function vote(StudyVote calldata ballot, address member, bytes calldata signature) external {
        Study storage s = _existing(ballot.studyId);
        _requireStatus(ballot.studyId, s, Status.Proposed);
        if (ballot.version != s.version) revert StudyStaleVersion(ballot.studyId, ballot.version);
        if (ballot.termsHash != s.termsHash) revert StudyTermsMismatch(ballot.studyId, ballot.version);
        if (!SignatureChecker.isValidSignatureNow(member, voteDigest(ballot), signature)) revert StudyBadSignature(member);
        if (!_isEthicsMember(member)) revert StudyNotEthicsBoard(member);
        if (_voted[ballot.studyId][ballot.version][member]) revert StudyAlreadyVoted(ballot.studyId, ballot.version, member);
        _voted[ballot.studyId][ballot.version][member] = true;
        Ballot[] storage ballots = _ballots[ballot.studyId][ballot.version];
        ballots.push(Ballot({member: member, approve: ballot.approve}));
        emit StudyVoted(ballot.studyId, ballot.version, member, ballot.approve);
        // Only voters who are members now count, against the quorum this version was proposed under.
        (s.approvals, s.rejections) = _tally(ballots);
        if (s.approvals >= s.quorum) {
            s.status = Status.Approved;
            emit StudyApproved(ballot.studyId, ballot.version);
        } else if (s.rejections >= s.quorum) {
            s.status = Status.Rejected;
            emit StudyRejected(ballot.studyId, ballot.version);
        }
    }

    function _tally(Ballot[] storage ballots) private view returns (uint16 approvals, uint16 rejections) {
        for (uint256 i = 0; i < ballots.length; i++) {
            if (!_isEthicsMember(ballots[i].member)) continue;
            if (ballots[i].approve) approvals += 1;
            else rejections += 1;
        }
    }

    /// @notice Whether `account` holds the ethics-board role now (ReleaseRegistry counts its votes the same way).
    function isEthicsMember(address account) external view returns (bool) {
        return _isEthicsMember(account);
    }

    function _requireBoardOrRelayer() private view {
        if (msg.sender != relayer && !_isEthicsMember(msg.sender)) revert StudyNotAllowed(msg.sender);
    }

    /// @inheritdoc IStudyRegistry
    function suspend(uint256 studyId) external {
        _requireBoardOrRelayer();
        Study storage s = _existing(studyId);
        _requireStatus(studyId, s, Status.Approved);
        s.status = Status.Suspended;
        emit StudySuspended(studyId, msg.sender);
    }

    /// @inheritdoc IStudyRegistry
    function resume(uint256 studyId) external {
        _requireBoardOrRelayer();
        Study storage s = _existing(studyId);
        _requireStatus(studyId, s, Status.Suspended);
        s.status = Status.Approved;
        emit StudyResumed(studyId, msg.sender);
    }

    /// @inheritdoc IStudyRegistry
    function close(uint256 studyId) external {
        Study storage s = _existing(studyId);
        if (msg.sender != s.researcher && msg.sender != relayer && !_isEthicsMember(msg.sender)) revert StudyNotAllowed(msg.sender);
        if (s.status == Status.Closed) revert StudyWrongStatus(studyId, s.status);
        s.status = Status.Closed;
        emit StudyClosed(studyId, msg.sender);
    }

    /// @inheritdoc IStudyRegistry
    function setQuorum(uint16 quorum_) external {
        if (!roles.hasRole(roles.DEFAULT_ADMIN_ROLE(), msg.sender)) revert StudyNotAdmin(msg.sender);
        if (quorum_ == 0) revert StudyBadQuorum(quorum_);
        quorum = quorum_;
        emit QuorumChanged(quorum_);
    }

    /// @inheritdoc IStudyRegistry
    function study(uint256 studyId) external view returns (Study memory) {
        return _studies[studyId];
    }

    /// @inheritdoc IStudyRegistry
    function hasVoted(uint256 studyId, uint32 version, address member) external view returns (bool) {
        return _voted[studyId][version][member];
    }

    /// @inheritdoc IStudyRegistry
    function enrollmentTerms(uint256 studyId) external view returns (uint256 criteriaHash, uint256 issuerKeyHash, bool open) {
        Study storage s = _studies[studyId];
        return (s.criteriaHash, s.issuerKeyHash, s.status == Status.Approved);
    }
}
