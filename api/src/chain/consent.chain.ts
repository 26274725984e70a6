/** ConsentRegistry: consents, revocations and break-glass records (EIP-712, relayed). */
import { readFileSync } from "node:fs";
import path from "node:path";

import { TypedDataEncoder } from "ethers";

import { REPO_ROOT } from "../config/config";
import type { ConsentChain, ConsentMessage, TypedData } from "../domain/consent/consent.service";
import type { DomainErrorCode } from "../domain/errors";

import { ChainFamily, walletTypedData } from "./chain-connection";

/** ConsentRegistry's EIP-712 domain name/version and types: one definition for every language. */
const CONSENT_EIP712 = JSON.parse(readFileSync(path.join(REPO_ROOT, "contracts", "deploy", "consent-eip712.json"), "utf8")) as {
  domain: { name: string; version: string };
  types: Record<"Consent" | "Revocation", { name: string; type: string }[]>;
};

/** How ConsentRegistry's custom errors reach API callers. */
const CONSENT_ERRORS: Record<string, [DomainErrorCode, string]> = {
  ConsentBadSignature: ["BAD_USER_INPUT", "the chain rejected the signature"],
  ConsentExpired: ["BAD_USER_INPUT", "the consent has already expired"],
  ConsentAlreadyGranted: ["CONFLICT", "this exact consent was already granted: prepare a new one"],
  ConsentUnknown: ["NOT_FOUND", "Consent not found on chain"],
  ConsentAlreadyRevoked: ["CONFLICT", "the consent is already revoked"],
  ConsentRevocationExpired: ["BAD_USER_INPUT", "the revocation deadline has passed: prepare it again"],
};

export class ConsentChainAdapter extends ChainFamily implements ConsentChain {
  private consentDomain(): Record<string, unknown> {
    return {
      ...CONSENT_EIP712.domain,
      chainId: Number(this.chainId),
      verifyingContract: this.deployment.contracts.ConsentRegistry.address,
    };
  }

  consentTypedData(message: ConsentMessage): TypedData {
    return walletTypedData(this.consentDomain(), { Consent: CONSENT_EIP712.types.Consent }, { ...message });
  }

  revocationTypedData(consentId: string, deadline: number): TypedData {
    return walletTypedData(this.consentDomain(), { Revocation: CONSENT_EIP712.types.Revocation }, { consentId, deadline });
  }

  consentId(message: ConsentMessage): string {
    return TypedDataEncoder.hash(this.consentDomain(), { Consent: CONSENT_EIP712.types.Consent }, message).toLowerCase();
  }

  async relayConsent(message: ConsentMessage, signature: string): Promise<{ id: string; txHash: string }> {
    const receipt = await this.relay((registry) => registry.grantConsent(message, signature), "ConsentRegistry", CONSENT_ERRORS);
    return { id: this.consentId(message), txHash: receipt.hash };
  }

  consentGrantTx(consentId: string): Promise<string | null> {
    return this.findEvent("ConsentRegistry", (c) => c.filters.ConsentGranted(consentId));
  }

  consentRevocationTx(consentId: string): Promise<string | null> {
    return this.findEvent("ConsentRegistry", (c) => c.filters.ConsentRevoked(consentId));
  }

  emergencyAccessTx(patientRef: string, doctor: string, reasonHash: string, expiresAt: number): Promise<string | null> {
    return this.findEvent(
      "ConsentRegistry",
      (c) => c.filters.EmergencyAccessRecorded(patientRef, doctor),
      (args) => String(args.reasonHash).toLowerCase() === reasonHash.toLowerCase() && Number(args.expiresAt) === expiresAt,
    );
  }

  async relayRevocation(consentId: string, deadline: number, signature: string): Promise<string> {
    return (await this.relay((registry) => registry.revokeConsent(consentId, deadline, signature), "ConsentRegistry", CONSENT_ERRORS)).hash;
  }

  async recordEmergencyAccess(patientRef: string, doctor: string, reasonHash: string, expiresAt: number): Promise<string> {
    return (
      await this.relay(
        (registry) => registry.recordEmergencyAccess(patientRef, doctor, reasonHash, expiresAt),
        "ConsentRegistry",
        CONSENT_ERRORS,
      )
    ).hash;
  }

  async consentRevocations(fromBlock: number, toBlock: number): Promise<{ id: string; txHash: string }[]> {
    const registry = this.contract("ConsentRegistry");
    const events = await registry.queryFilter(registry.filters.ConsentRevoked(), fromBlock, toBlock);
    return events.map((event) => ({
      id: String((event as unknown as { args: { id: string } }).args.id).toLowerCase(),
      txHash: event.transactionHash,
    }));
  }
}
