// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Study registry: proposals, ethics-board votes, amendments, suspension, closure
/// @notice Holds hashes only: the protocol document and the study terms (title, purpose,
///         data-use codes, requested fields, k, privacy budget) stay off chain with the custodian.
///         Ethics-board members approve or reject each version of a study with EIP-712 signed
///         votes over its terms hash; the quorum in force when the version was proposed decides,
///         counting only voters who are still members. An amendment starts a new version that
///         needs approval again. Enrollment is open only while a study is Approved.
interface IStudyRegistry {
    enum Status {
        None,
        Proposed,
        Approved,
        Rejected,
        Suspended,
        Closed
    }

    struct Study {
        address researcher;
        Status status;
        uint32 version;
        uint16 approvals;
        uint16 rejections;
        /// @notice The quorum when this version was proposed (setQuorum changes later versions only).
        uint16 quorum;
        bytes32 protocolHash;
        bytes32 termsHash;
        uint256 criteriaHash;
        uint256 issuerKeyHash;
    }

    /// @notice The fields an ethics-board member signs to vote on one version of a study: the
    ///         terms hash binds the vote to the terms the member read.
    struct StudyVote {
        uint256 studyId;
        uint32 version;
        bytes32 termsHash;
        bool approve;
    }

    error StudyNotAdmin(address caller);
    error StudyNotResearcher(address account);
    error StudyNotAllowed(address caller);
    error StudyNotEthicsBoard(address account);
    error StudyAlreadyExists(uint256 studyId);
    error StudyUnknown(uint256 studyId);
    error StudyWrongStatus(uint256 studyId, Status status);
    error StudyStaleVersion(uint256 studyId, uint32 version);
    error StudyTermsMismatch(uint256 studyId, uint32 version);
    error StudyAlreadyVoted(uint256 studyId, uint32 version, address member);
    error StudyBadSignature(address member);
    error StudyBadQuorum(uint16 quorum);
    error StudyMissingHash();

    event StudyProposed(uint256 indexed studyId, address indexed researcher, bytes32 protocolHash, bytes32 termsHash, uint256 criteriaHash, uint256 issuerKeyHash);
    event StudyAmended(uint256 indexed studyId, uint32 version, bytes32 protocolHash, bytes32 termsHash, uint256 criteriaHash, uint256 issuerKeyHash);
    event StudyVoted(uint256 indexed studyId, uint32 indexed version, address indexed member, bool approve);
    event StudyApproved(uint256 indexed studyId, uint32 version);
    event StudyRejected(uint256 indexed studyId, uint32 version);
    event StudySuspended(uint256 indexed studyId, address by);
    event StudyResumed(uint256 indexed studyId, address by);
    event StudyClosed(uint256 indexed studyId, address by);
    event QuorumChanged(uint16 quorum);

    /// @notice Registers a study for `researcher` (who must hold the researcher role). Called by
    ///         the researcher or by the custodian's relayer on their behalf.
    function propose(uint256 studyId, address researcher, bytes32 protocolHash, bytes32 termsHash, uint256 criteriaHash, uint256 issuerKeyHash)
        external;

    /// @notice A new version of a proposed, approved or rejected study: votes start again and
    ///         enrollment closes until it is approved. Researcher or relayer.
    function amend(uint256 studyId, bytes32 protocolHash, bytes32 termsHash, uint256 criteriaHash, uint256 issuerKeyHash) external;

    /// @notice Counts an ethics-board member's signed vote on the study's current version; anyone may submit it.
    function vote(StudyVote calldata ballot, address member, bytes calldata signature) external;

    /// @notice Pauses an approved study (enrollment and releases stop). Ethics board or relayer.
    function suspend(uint256 studyId) external;

    /// @notice Resumes a suspended study. Ethics board or relayer.
    function resume(uint256 studyId) external;

    /// @notice Ends a study for good. Its researcher, the ethics board or the relayer.
    function close(uint256 studyId) external;

    /// @notice Sets how many ethics-board votes decide (admin only).
    function setQuorum(uint16 quorum_) external;

    function quorum() external view returns (uint16);

    function study(uint256 studyId) external view returns (Study memory);

    function hasVoted(uint256 studyId, uint32 version, address member) external view returns (bool);

    /// @notice What enrollment needs: the criteria and issuer of the approved version, and whether it is open.
    function enrollmentTerms(uint256 studyId) external view returns (uint256 criteriaHash, uint256 issuerKeyHash, bool open);
}

/// @title Release registry: de-identified data releases and their ethics-board approval
/// @notice The custodian records each prepared release's manifest (hashes and counts only);
///         ethics-board members approve or reject it with signed votes; researchers may
///         download only a release approved by the quorum, which the API checks on every download.
interface IReleaseRegistry {
    enum Status {
        None,
        Pending,
        Approved,
        Rejected
    }

    struct Release {
        uint256 studyId;
        bytes32 manifestHash;
        bytes32 datasetHash;
        bytes32 nullifierRoot;
        uint32 rowCount;
        uint32 achievedK;
        Status status;
        uint16 approvals;
        uint16 rejections;
        /// @notice The study version in force when the release was recorded: it is downloadable only while that version is.
        uint32 studyVersion;
        /// @notice StudyRegistry's quorum when the release was recorded.
        uint16 quorum;
    }

    /// @notice The fields an ethics-board member signs to vote on a release.
    struct ReleaseVote {
        uint256 releaseId;
        bytes32 manifestHash;
        bool approve;
    }

    error ReleaseNotRelayer(address caller);
    error ReleaseBadId();
    error ReleaseAlreadyRecorded(uint256 releaseId);
    error ReleaseStudyNotApproved(uint256 studyId);
    error ReleaseUnknown(uint256 releaseId);
    error ReleaseNotPending(uint256 releaseId, Status status);
    error ReleaseManifestMismatch(uint256 releaseId);
    error ReleaseAlreadyVoted(uint256 releaseId, address member);
    error ReleaseBadSignature(address member);
    error ReleaseNotEthicsBoard(address account);

    event ReleaseRecorded(
        uint256 indexed releaseId,
        uint256 indexed studyId,
        bytes32 manifestHash,
        bytes32 datasetHash,
        bytes32 nullifierRoot,
        uint32 rowCount,
        uint32 achievedK
    );
    event ReleaseVoted(uint256 indexed releaseId, address indexed member, bool approve);
    event ReleaseApproved(uint256 indexed releaseId);
    event ReleaseRejected(uint256 indexed releaseId);

    /// @notice Records a prepared release of an approved study (relayer only) under `releaseId`,
    ///         which the custodian chooses (random, non-zero) before the transaction, so its own
    ///         record can exist first and a retry can never record the release twice.
    function recordRelease(
        uint256 releaseId,
        uint256 studyId,
        bytes32 manifestHash,
        bytes32 datasetHash,
        bytes32 nullifierRoot,
        uint32 rowCount,
        uint32 achievedK
    ) external;

    /// @notice Counts an ethics-board member's signed vote on a pending release; anyone may submit it.
    function vote(ReleaseVote calldata ballot, address member, bytes calldata signature) external;

    function release(uint256 releaseId) external view returns (Release memory);

    function releaseCount() external view returns (uint256);

    function hasVoted(uint256 releaseId, address member) external view returns (bool);

    /// @notice True when the quorum approved the release and its study is neither suspended nor rejected.
    function isDownloadable(uint256 releaseId) external view returns (bool);
}
