/** ClaimsRegistry: policies, coverages, claims and their adjudication. */
import { encodeBytes32String } from "ethers";

import type { ChainClaim, ChainOutcome, ChainRule, ClaimsChain } from "../domain/claims/claims.service";
import { CLAIM_REASONS } from "../domain/claims/claims-fhir";
import type { DomainErrorCode } from "../domain/errors";

import { ChainFamily } from "./chain-connection";

/** IClaimsRegistry.Status, by index. */
const STATUS: (ChainOutcome["status"] | null)[] = [null, "APPROVED", "REJECTED", "REVIEW"];

const CLAIMS_ERRORS: Record<string, [DomainErrorCode, string]> = {
  ClaimsNotRelayer: ["FORBIDDEN", "only the API's relayer writes claims"],
  ClaimsNotInsurer: ["FORBIDDEN", "the account does not hold the insurer role on chain, or the policy is another insurer's"],
  ClaimsNotDoctor: ["FORBIDDEN", "the provider does not hold the doctor role on chain"],
  ClaimsPolicyOwnedByAnother: ["FORBIDDEN", "the policy belongs to another insurer on chain"],
  ClaimsBadPolicy: ["BAD_USER_INPUT", "the chain refused the policy's rules"],
  ClaimsUnknownPolicy: ["NOT_FOUND", "Policy not found on chain"],
  ClaimsCoverageExists: ["CONFLICT", "this coverage is already on chain"],
  ClaimsBadCoverage: ["BAD_USER_INPUT", "the chain refused the coverage"],
  ClaimsUnknownCoverage: ["NOT_FOUND", "Coverage not found on chain"],
  ClaimsAlreadySubmitted: ["CONFLICT", "this claim is already on chain"],
  ClaimsEmpty: ["BAD_USER_INPUT", "a claim needs at least one item"],
  ClaimsUnknown: ["NOT_FOUND", "Claim not found on chain"],
  ClaimsNotInReview: ["CONFLICT", "the claim is not in review on chain"],
  ClaimsBadDecision: [
    "BAD_USER_INPUT",
    "the chain refused the decision (an approval over the billed amount, or a rejection without a reason)",
  ],
};

const code32 = (code: string): string => encodeBytes32String(code);
const ZERO = `0x${"0".repeat(64)}`;

export class ClaimsChainAdapter extends ChainFamily implements ClaimsChain {
  private async send(call: Parameters<ChainFamily["relay"]>[0]): Promise<string> {
    return (await this.relay(call, "ClaimsRegistry", CLAIMS_ERRORS)).hash;
  }

  publishPolicy(policyId: string, insurer: string, codes: string[], rules: ChainRule[]): Promise<string> {
    return this.send((r) =>
      r.publishPolicy(
        code32(policyId),
        insurer,
        codes.map(code32),
        rules.map((rule) => ({
          covered: rule.covered,
          priorAuthRequired: rule.priorAuthRequired,
          requiredRecordTypes: rule.requiredRecordTypes,
          periodDays: rule.periodDays,
          maxPerClaim: rule.maxPerClaim,
          maxPerPeriod: rule.maxPerPeriod,
          copay: rule.copay,
          coinsuranceBps: rule.coinsuranceBps,
        })),
      ),
    );
  }

  policyTx(policyId: string, version: number): Promise<string | null> {
    return this.findEvent(
      "ClaimsRegistry",
      (c) => c.filters.PolicyPublished(code32(policyId)),
      (args) => Number(args.version) === version,
    );
  }

  registerCoverage(coverageId: string, policyId: string, patientRef: string, startDay: number, endDay: number): Promise<string> {
    return this.send((r) => r.registerCoverage(coverageId, { policyId: code32(policyId), patientRef, startDay, endDay }));
  }

  coverageTx(coverageId: string): Promise<string | null> {
    return this.findEvent("ClaimsRegistry", (c) => c.filters.CoverageRegistered(coverageId));
  }

  submitClaim(claim: ChainClaim): Promise<string> {
    return this.send((r) =>
      r.submitClaim({
        claimId: claim.claimId,
        coverageId: claim.coverageId,
        provider: claim.provider,
        preauthorization: claim.preauthorization,
        priorAuthId: claim.priorAuthId ?? ZERO,
        items: claim.items.map((item) => ({ ...item, code: code32(item.code) })),
        evidence: claim.evidence,
      }),
    );
  }

  claimTx(claimId: string): Promise<string | null> {
    return this.findEvent("ClaimsRegistry", (c) => c.filters.ClaimAdjudicated(claimId));
  }

  decideClaim(claimId: string, insurer: string, approve: boolean, planPays: number, reason: string): Promise<string> {
    const index = CLAIM_REASONS.findIndex((r) => r.code === reason);
    return this.send((r) => r.decideClaim(claimId, insurer, approve, planPays, index));
  }

  decisionTx(claimId: string): Promise<string | null> {
    return this.findEvent("ClaimsRegistry", (c) => c.filters.ClaimReviewed(claimId));
  }

  async outcome(claimId: string): Promise<ChainOutcome | null> {
    const o = await this.contract("ClaimsRegistry").outcome(claimId);
    const status = STATUS[Number(o.status)];
    if (!status) return null;
    return {
      status,
      reason: CLAIM_REASONS[Number(o.reason)]?.code ?? "None",
      policyVersion: Number(o.policyVersion),
      billed: Number(o.billed),
      planPays: Number(o.planPays),
      patientShare: Number(o.patientShare),
    };
  }
}
