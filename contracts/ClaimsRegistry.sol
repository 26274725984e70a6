// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IAnchorRegistry} from "./interfaces/IAnchorRegistry.sol";
import {IClaimsRegistry} from "./interfaces/IClaimsRegistry.sol";

/// @title ClaimsRegistry
/// @notice Policies as code and claims adjudicated against them (see IClaimsRegistry). The API's
///         relayer sends every write on behalf of the signed-in doctor or insurer, whose roles
///         this contract checks in the RoleRegistry.
contract ClaimsRegistry is IClaimsRegistry {
    bytes32 private constant DOCTOR_ROLE = keccak256("DOCTOR_ROLE");
    bytes32 private constant INSURER_ROLE = keccak256("INSURER_ROLE");

    struct Policy {
        address insurer;
        uint32 version;
    }

    IAccessControl public immutable roles;
    IAnchorRegistry public immutable anchors;
    address public immutable relayer;

    mapping(bytes32 policyId => Policy) private _policies;
    mapping(bytes32 policyId => mapping(uint32 version => mapping(bytes32 code => Rule))) private _rules;
    mapping(bytes32 coverageId => Coverage) private _coverages;
    mapping(bytes32 claimId => Outcome) private _outcomes;
    /// @notice A claim's items, and the keys they hold against duplicates (released if it is rejected after review).
    mapping(bytes32 claimId => Item[]) private _items;
    mapping(bytes32 claimId => bytes32[]) private _itemKeys;
    /// @notice Item keys (patient, code, service day) held by a claim that is approved or in review.
    mapping(bytes32 itemKey => bytes32 claimId) private _claimedItems;
    /// @notice Approved amounts per patient, policy, code and period.
    mapping(bytes32 periodKey => uint64) private _periodSpend;
    /// @notice Codes an approved prior authorisation covers.
    mapping(bytes32 authId => mapping(bytes32 code => bool)) private _authorised;

    constructor(address roles_, address anchors_, address relayer_) {
        roles = IAccessControl(roles_);
        anchors = IAnchorRegistry(anchors_);
        relayer = relayer_;
    }

    modifier onlyRelayer() {
        if (msg.sender != relayer) revert ClaimsNotRelayer(msg.sender);
        _;
    }

    /// @inheritdoc IClaimsRegistry
    function publishPolicy(bytes32 policyId, address insurer, bytes32[] calldata codes, Rule[] calldata rules_)
        external
        onlyRelayer
        returns (uint32 version)
    {
        if (!roles.hasRole(INSURER_ROLE, insurer)) revert ClaimsNotInsurer(insurer);
        if (policyId == bytes32(0) || codes.length == 0 || codes.length != rules_.length) revert ClaimsBadPolicy(policyId);
        Policy storage policy = _policies[policyId];
        if (policy.insurer != address(0) && policy.insurer != insurer) revert ClaimsPolicyOwnedByAnother(policyId, policy.insurer);
        policy.insurer = insurer;
        version = ++policy.version;
        for (uint256 i = 0; i < codes.length; i++) {
            Rule calldata r = rules_[i];
            if (r.coinsuranceBps > 10_000 || (r.maxPerPeriod > 0 && r.periodDays == 0)) revert ClaimsBadPolicy(policyId);
            _rules[policyId][version][codes[i]] = r;
        }
        emit PolicyPublished(policyId, insurer, version, codes.length);
    }

    /// @inheritdoc IClaimsRegistry
    function registerCoverage(bytes32 coverageId, Coverage calldata coverage) external onlyRelayer {
        if (_policies[coverage.policyId].version == 0) revert ClaimsUnknownPolicy(coverage.policyId);
        if (_coverages[coverageId].policyId != bytes32(0)) revert ClaimsCoverageExists(coverageId);
        if (coverageId == bytes32(0) || coverage.patientRef == bytes32(0) || coverage.endDay < coverage.startDay) {
            revert ClaimsBadCoverage(coverageId);
        }
        _coverages[coverageId] = coverage;
        emit CoverageRegistered(coverageId, coverage.policyId, coverage.patientRef, coverage.startDay, coverage.endDay);
    }

    /// @inheritdoc IClaimsRegistry
    function submitClaim(Claim calldata claim) external onlyRelayer returns (Status status, Reason reason, uint64 planPays_) {
        if (!roles.hasRole(DOCTOR_ROLE, claim.provider)) revert ClaimsNotDoctor(claim.provider);
        if (_outcomes[claim.claimId].status != Status.None || claim.claimId == bytes32(0)) revert ClaimsAlreadySubmitted(claim.claimId);
        if (claim.items.length == 0) revert ClaimsEmpty(claim.claimId);
        Coverage memory coverage = _coverages[claim.coverageId];
        if (coverage.policyId == bytes32(0)) revert ClaimsUnknownCoverage(claim.coverageId);
        uint32 version = _policies[coverage.policyId].version;

        (bool anchored, uint32 evidenceTypes) = _checkEvidence(claim.evidence);
        Outcome memory result = Outcome({
            status: Status.Approved,
            reason: Reason.None,
            preauthorization: claim.preauthorization,
            policyVersion: version,
            coverageId: claim.coverageId,
            provider: claim.provider,
            billed: 0,
            planPays: 0,
            patientShare: 0
        });
        if (!anchored) _downgrade(result, Status.Rejected, Reason.UnanchoredEvidence);
        bytes32[] memory keys = new bytes32[](claim.items.length);
        for (uint256 i = 0; i < claim.items.length; i++) {
            keys[i] = _adjudicateItem(claim, coverage, version, evidenceTypes, claim.items[i], result);
            for (uint256 j = 0; j < i; j++) {
                if (keys[j] == keys[i]) _downgrade(result, Status.Rejected, Reason.Duplicate);
            }
        }
        if (result.status == Status.Rejected) {
            // Nothing is payable on a rejected claim, and the patient owes the plan nothing for it.
            result.planPays = 0;
            result.patientShare = 0;
        }
        _outcomes[claim.claimId] = result;
        if (result.status != Status.Rejected) _hold(claim, coverage, version, keys, result.status == Status.Approved);
        emit ClaimAdjudicated(claim.claimId, claim.coverageId, result.status, result.reason, result.billed, result.planPays, result.patientShare);
        return (result.status, result.reason, result.planPays);
    }

    /// @inheritdoc IClaimsRegistry
    function decideClaim(bytes32 claimId, address insurer, bool approve, uint64 planPays_, Reason reason) external onlyRelayer {
        Outcome storage result = _outcomes[claimId];
        if (result.status == Status.None) revert ClaimsUnknown(claimId);
        bytes32 policyId = _coverages[result.coverageId].policyId;
        if (_policies[policyId].insurer != insurer || !roles.hasRole(INSURER_ROLE, insurer)) revert ClaimsNotInsurer(insurer);
        if (result.status != Status.Review) revert ClaimsNotInReview(claimId);
        if (approve ? planPays_ > result.billed : (reason == Reason.None || planPays_ != 0)) revert ClaimsBadDecision(claimId);
        bytes32[] storage keys = _itemKeys[claimId];
        if (approve) {
            result.status = Status.Approved;
            result.reason = Reason.None;
            result.planPays = planPays_;
            result.patientShare = result.billed - planPays_;
            _approveItems(claimId, _coverages[result.coverageId], result.policyVersion, result.preauthorization);
        } else {
            result.status = Status.Rejected;
            result.reason = reason;
            result.planPays = 0;
            result.patientShare = 0;
            // A rejected claim no longer blocks a corrected one for the same items.
            for (uint256 i = 0; i < keys.length; i++) {
                if (_claimedItems[keys[i]] == claimId) delete _claimedItems[keys[i]];
            }
        }
        emit ClaimReviewed(claimId, insurer, result.status, result.reason, result.planPays);
    }

    /// @inheritdoc IClaimsRegistry
    function outcome(bytes32 claimId) external view returns (Outcome memory) {
        return _outcomes[claimId];
    }

    /// @inheritdoc IClaimsRegistry
    function rule(bytes32 policyId, bytes32 code) external view returns (Rule memory) {
        return _rules[policyId][_policies[policyId].version][code];
    }

    /// @notice Every cited version must be a leaf of an anchored batch of record versions; returns the record types cited.
    function _checkEvidence(Evidence[] calldata evidence) private view returns (bool anchored, uint32 types) {
        uint256 batches = anchors.anchorCount(IAnchorRegistry.Kind.RecordVersions);
        for (uint256 i = 0; i < evidence.length; i++) {
            Evidence calldata e = evidence[i];
            if (e.anchorIndex >= batches || e.recordType >= 32) return (false, 0);
            IAnchorRegistry.Anchor memory batch = anchors.anchorAt(IAnchorRegistry.Kind.RecordVersions, e.anchorIndex);
            if (e.seq < batch.firstSeq || e.seq > batch.lastSeq) return (false, 0);
            bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(uint256(e.seq), e.versionHash))));
            if (!MerkleProof.verifyCalldata(e.proof, batch.root, leaf)) return (false, 0);
            types |= uint32(1) << e.recordType;
        }
        return (true, types);
    }

    /// @notice Checks one item against the policy, adds its amounts to `result`, and returns its duplicate key.
    function _adjudicateItem(
        Claim calldata claim,
        Coverage memory coverage,
        uint32 version,
        uint32 evidenceTypes,
        Item calldata item,
        Outcome memory result
    ) private view returns (bytes32 key) {
        key = keccak256(abi.encode(claim.preauthorization, coverage.patientRef, item.code, item.serviceDay));
        Rule memory r = _rules[coverage.policyId][version][item.code];
        result.billed += item.amount;
        uint64 share = r.copay + uint64((uint256(item.amount) * r.coinsuranceBps) / 10_000);
        if (share > item.amount) share = item.amount;
        result.patientShare += share;
        result.planPays += item.amount - share;

        if (item.serviceDay < coverage.startDay || item.serviceDay > coverage.endDay) _downgrade(result, Status.Rejected, Reason.OutsideCoverage);
        if (_claimedItems[key] != bytes32(0)) _downgrade(result, Status.Rejected, Reason.Duplicate);
        if (!r.covered) {
            _downgrade(result, Status.Review, Reason.NotCovered);
            return key;
        }
        if (r.maxPerClaim > 0 && item.amount > r.maxPerClaim) _downgrade(result, Status.Rejected, Reason.OverClaimLimit);
        if (r.maxPerPeriod > 0 && _periodSpend[_periodKey(coverage, item, r)] + item.amount > r.maxPerPeriod) {
            _downgrade(result, Status.Rejected, Reason.OverPeriodLimit);
        }
        if (evidenceTypes & r.requiredRecordTypes != r.requiredRecordTypes) _downgrade(result, Status.Rejected, Reason.MissingEvidence);
        if (r.priorAuthRequired && !claim.preauthorization) {
            if (claim.priorAuthId == bytes32(0)) {
                _downgrade(result, Status.Rejected, Reason.PriorAuthRequired);
            } else if (!_validAuthorisation(claim.priorAuthId, claim.coverageId, item.code)) {
                _downgrade(result, Status.Rejected, Reason.PriorAuthInvalid);
            }
        }
    }

    /// @notice Rejection outranks review, review outranks approval; the first reason of the final status stays.
    function _downgrade(Outcome memory result, Status status, Reason reason) private pure {
        if (result.status == Status.Rejected) return;
        if (status == Status.Review && result.status == Status.Review) return;
        result.status = status;
        result.reason = reason;
    }

    function _validAuthorisation(bytes32 authId, bytes32 coverageId, bytes32 code) private view returns (bool) {
        Outcome storage auth = _outcomes[authId];
        return auth.preauthorization && auth.status == Status.Approved && auth.coverageId == coverageId && _authorised[authId][code];
    }

    function _periodKey(Coverage memory coverage, Item memory item, Rule memory r) private pure returns (bytes32) {
        return keccak256(abi.encode(coverage.patientRef, coverage.policyId, item.code, item.serviceDay / r.periodDays));
    }

    /// @notice An approved or reviewed claim holds its items against duplicates; an approved one takes effect at once.
    function _hold(Claim calldata claim, Coverage memory coverage, uint32 version, bytes32[] memory keys, bool approved) private {
        for (uint256 i = 0; i < keys.length; i++) {
            _claimedItems[keys[i]] = claim.claimId;
            _itemKeys[claim.claimId].push(keys[i]);
            _items[claim.claimId].push(claim.items[i]);
        }
        if (approved) _approveItems(claim.claimId, coverage, version, claim.preauthorization);
    }

    /// @notice An approved prior authorisation covers its codes; an approved claim spends its items' period limits.
    function _approveItems(bytes32 claimId, Coverage memory coverage, uint32 version, bool preauthorization) private {
        Item[] storage items = _items[claimId];
        for (uint256 i = 0; i < items.length; i++) {
            Item memory item = items[i];
            if (preauthorization) {
                _authorised[claimId][item.code] = true;
                continue;
            }
            Rule memory r = _rules[coverage.policyId][version][item.code];
            if (r.maxPerPeriod > 0) _periodSpend[_periodKey(coverage, item, r)] += item.amount;
        }
    }
}
