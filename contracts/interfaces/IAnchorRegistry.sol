// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title MedLedger anchor registry
/// @notice Merkle roots of the private ledger's batches (record versions, access-log entries).
///         Once a root is here, any later edit of a batch's rows in the database is detectable.
///         Leaves are OpenZeppelin StandardMerkleTree leaves of (uint256 seq, bytes32 hash).
interface IAnchorRegistry {
    /// @notice What a batch holds.
    enum Kind {
        RecordVersions,
        AccessLog
    }

    struct Anchor {
        bytes32 root;
        uint64 firstSeq;
        uint64 lastSeq;
        uint64 anchoredAt;
    }

    error AnchorNotRelayer(address caller);
    error AnchorOutOfOrder(Kind kind, uint64 expectedFirstSeq, uint64 firstSeq);
    error AnchorEmptyRange(uint64 firstSeq, uint64 lastSeq);
    error AnchorUnknown(Kind kind, uint256 index);

    event RootAnchored(Kind indexed kind, uint256 indexed index, bytes32 root, uint64 firstSeq, uint64 lastSeq);

    /// @notice Appends the root of entries firstSeq..lastSeq (inclusive) of `kind`. Batches of a
    ///         kind are contiguous and in order, so no entry can be left out silently.
    function anchor(Kind kind, bytes32 root, uint64 firstSeq, uint64 lastSeq) external returns (uint256 index);

    /// @notice The `index`-th anchor of `kind`.
    function anchorAt(Kind kind, uint256 index) external view returns (Anchor memory);

    /// @notice How many anchors of `kind` exist.
    function anchorCount(Kind kind) external view returns (uint256);
}
