// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IAnchorRegistry} from "./interfaces/IAnchorRegistry.sol";

/// @title AnchorRegistry
/// @notice Append-only, contiguous Merkle roots of the custodian's record versions and access log.
contract AnchorRegistry is IAnchorRegistry {
    /// @notice The account allowed to anchor (the API's relayer).
    address public immutable relayer;

    mapping(Kind kind => Anchor[]) private _anchors;

    /// @param relayer_ The API's relayer account.
    constructor(address relayer_) {
        relayer = relayer_;
    }

    /// @inheritdoc IAnchorRegistry
    function anchor(Kind kind, bytes32 root, uint64 firstSeq, uint64 lastSeq) external returns (uint256 index) {
        if (msg.sender != relayer) revert AnchorNotRelayer(msg.sender);
        if (lastSeq < firstSeq) revert AnchorEmptyRange(firstSeq, lastSeq);
        Anchor[] storage anchors = _anchors[kind];
        uint64 expected = anchors.length == 0 ? 1 : anchors[anchors.length - 1].lastSeq + 1;
        if (firstSeq != expected) revert AnchorOutOfOrder(kind, expected, firstSeq);
        index = anchors.length;
        anchors.push(Anchor({root: root, firstSeq: firstSeq, lastSeq: lastSeq, anchoredAt: uint64(block.timestamp)}));
        emit RootAnchored(kind, index, root, firstSeq, lastSeq);
    }

    /// @inheritdoc IAnchorRegistry
    function anchorAt(Kind kind, uint256 index) external view returns (Anchor memory) {
        if (index >= _anchors[kind].length) revert AnchorUnknown(kind, index);
        return _anchors[kind][index];
    }

    /// @inheritdoc IAnchorRegistry
    function anchorCount(Kind kind) external view returns (uint256) {
        return _anchors[kind].length;
    }
}
