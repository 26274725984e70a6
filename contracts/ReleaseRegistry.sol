// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IReleaseRegistry, IStudyRegistry} from "./interfaces/IResearch.sol";
import {StudyRegistry} from "./StudyRegistry.sol";

/// @title ReleaseRegistry
/// @notice Manifests of de-identified releases (hashes and counts only) and the ethics board's
///         signed approval of each. StudyRegistry's quorum when a release is recorded decides it,
///         counting only voters who are still members; an approved release is downloadable only
///         while the study version it was made under is in force.
contract ReleaseRegistry is IReleaseRegistry, EIP712 {
    bytes32 public constant RELEASE_VOTE_TYPEHASH = keccak256("ReleaseVote(uint256 releaseId,bytes32 manifestHash,bool approve)");

    StudyRegistry public immutable studies;
    /// @notice The custodian API's relayer account: only it records releases.
    address public immutable relayer;

    mapping(uint256 releaseId => Release) private _releases;
    uint256 private _count;
    mapping(uint256 releaseId => mapping(address member => bool)) private _voted;
    /// @dev Every ballot cast on a release, so each decision can count the voters who are still members.
    mapping(uint256 releaseId => Ballot[]) private _ballots;

    struct Ballot {
        address member;
        bool approve;
    }

    constructor(StudyRegistry studies_, address relayer_) EIP712("MedLedger ReleaseRegistry", "1") {
        studies = studies_;
        relayer = relayer_;
    }

    function _existing(uint256 releaseId) private view returns (Release storage r) {
        r = _releases[releaseId];
        if (r.status == Status.None) revert ReleaseUnknown(releaseId);
    }

    /// @inheritdoc IReleaseRegistry
    function recordRelease(
        uint256 releaseId,
        uint256 studyId,
        bytes32 manifestHash,
        bytes32 datasetHash,
        bytes32 nullifierRoot,
        uint32 rowCount,
        uint32 achievedK
    ) external {
        if (msg.sender != relayer) revert ReleaseNotRelayer(msg.sender);
        if (releaseId == 0) revert ReleaseBadId();
        if (_releases[releaseId].status != Status.None) revert ReleaseAlreadyRecorded(releaseId);
        IStudyRegistry.Study memory study = studies.study(studyId);
        if (study.status != IStudyRegistry.Status.Approved) revert ReleaseStudyNotApproved(studyId);
        _releases[releaseId] = Release({
            studyId: studyId,
            manifestHash: manifestHash,
            datasetHash: datasetHash,
            nullifierRoot: nullifierRoot,
            rowCount: rowCount,
            achievedK: achievedK,
            status: Status.Pending,
            approvals: 0,
            rejections: 0,
            studyVersion: study.version,
            quorum: studies.quorum()
        });
        _count += 1;
        emit ReleaseRecorded(releaseId, studyId, manifestHash, datasetHash, nullifierRoot, rowCount, achievedK);
    }

    /// @notice The EIP-712 digest an ethics-board member signs for `ballot`.
    function voteDigest(ReleaseVote calldata ballot) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(RELEASE_VOTE_TYPEHASH, ballot.releaseId, ballot.manifestHash, ballot.approve)));
    }

    /// @inheritdoc IReleaseRegistry
    function vote(ReleaseVote calldata ballot, address member, bytes calldata signature) external {
        Release storage r = _existing(ballot.releaseId);
        if (r.status != Status.Pending) revert ReleaseNotPending(ballot.releaseId, r.status);
        if (ballot.manifestHash != r.manifestHash) revert ReleaseManifestMismatch(ballot.releaseId);
        if (!SignatureChecker.isValidSignatureNow(member, voteDigest(ballot), signature)) revert ReleaseBadSignature(member);
        if (!studies.isEthicsMember(member)) revert ReleaseNotEthicsBoard(member);
        if (_voted[ballot.releaseId][member]) revert ReleaseAlreadyVoted(ballot.releaseId, member);
        _voted[ballot.releaseId][member] = true;
        Ballot[] storage ballots = _ballots[ballot.releaseId];
        ballots.push(Ballot({member: member, approve: ballot.approve}));
        emit ReleaseVoted(ballot.releaseId, member, ballot.approve);
        // Only voters who are members now count, against the quorum in force when the release was recorded.
        uint16 approvals;
        uint16 rejections;
        for (uint256 i = 0; i < ballots.length; i++) {
            if (!studies.isEthicsMember(ballots[i].member)) continue;
            if (ballots[i].approve) approvals += 1;
            else rejections += 1;
        }
        (r.approvals, r.rejections) = (approvals, rejections);
        if (approvals >= r.quorum) {
            r.status = Status.Approved;
            emit ReleaseApproved(ballot.releaseId);
        } else if (rejections >= r.quorum) {
            r.status = Status.Rejected;
            emit ReleaseRejected(ballot.releaseId);
        }
    }

    /// @inheritdoc IReleaseRegistry
    function release(uint256 releaseId) external view returns (Release memory) {
        return _existing(releaseId);
    }

    /// @inheritdoc IReleaseRegistry
    function releaseCount() external view returns (uint256) {
        return _count;
    }

    /// @inheritdoc IReleaseRegistry
    function hasVoted(uint256 releaseId, address member) external view returns (bool) {
        return _voted[releaseId][member];
    }

    /// @inheritdoc IReleaseRegistry
    function isDownloadable(uint256 releaseId) external view returns (bool) {
        Release storage r = _releases[releaseId];
        if (r.status == Status.None) return false;
        IStudyRegistry.Study memory study = studies.study(r.studyId);
        // Approved under the version in force: an approval under version 1 says nothing about version 2's terms.
        return r.status == Status.Approved && study.version == r.studyVersion
            && (study.status == IStudyRegistry.Status.Approved || study.status == IStudyRegistry.Status.Closed);
    }
}
