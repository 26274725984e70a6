/** TypeORM entities of consents, access requests and break-glass grants. Never GraphQL types. */
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "consent" })
export class ConsentEntity {
  @PrimaryColumn({ type: "text" }) id: string;
  @Column({ name: "patient_id", type: "uuid" }) patientId: string;
  @Column({ name: "patient_address", type: "text" }) patientAddress: string;
  @Column({ type: "text" }) grantee: string;
  @Column({ name: "resource_types", type: "text", array: true }) resourceTypes: string[];
  @Column({ name: "record_ids", type: "text", array: true }) recordIds: string[];
  @Column({ type: "text" }) purpose: string;
  @Column({ name: "expires_at", type: "timestamptz" }) expiresAt: Date;
  @Column({ type: "text" }) nonce: string;
  @Column({ name: "scope_hash", type: "text" }) scopeHash: string;
  @Column({ name: "request_id", type: "uuid", nullable: true }) requestId: string | null;
  @Column({ name: "granted_at", type: "timestamptz" }) grantedAt: Date;
  @Column({ name: "grant_tx", type: "text", nullable: true }) grantTx: string | null;
  @Column({ name: "revoked_at", type: "timestamptz", nullable: true }) revokedAt: Date | null;
  @Column({ name: "revoke_tx", type: "text", nullable: true }) revokeTx: string | null;
  @Column({ name: "chain_status", type: "text" }) chainStatus: string;
  @Column({ name: "chain_error", type: "text", nullable: true }) chainError: string | null;
}

@Entity({ name: "access_request" })
export class AccessRequestEntity {
  @PrimaryColumn({ type: "uuid" }) id: string;
  @Column({ name: "patient_id", type: "uuid" }) patientId: string;
  @Column({ type: "text" }) requester: string;
  @Column({ name: "resource_types", type: "text", array: true }) resourceTypes: string[];
  @Column({ name: "record_ids", type: "text", array: true }) recordIds: string[];
  @Column({ type: "text" }) purpose: string;
  @Column({ type: "text" }) reason: string;
  @Column({ type: "text" }) status: string;
  @Column({ name: "created_at", type: "timestamptz" }) createdAt: Date;
  @Column({ name: "answered_at", type: "timestamptz", nullable: true }) answeredAt: Date | null;
  @Column({ name: "consent_id", type: "text", nullable: true }) consentId: string | null;
}

@Entity({ name: "break_glass" })
export class BreakGlassEntity {
  @PrimaryColumn({ type: "uuid" }) id: string;
  @Column({ name: "patient_id", type: "uuid" }) patientId: string;
  @Column({ type: "text" }) doctor: string;
  @Column({ name: "sealed_reason", type: "bytea" }) sealedReason: Buffer;
  @Column({ name: "reason_hash", type: "text" }) reasonHash: string;
  @Column({ name: "created_at", type: "timestamptz" }) createdAt: Date;
  @Column({ name: "expires_at", type: "timestamptz" }) expiresAt: Date;
  @Column({ name: "tx_hash", type: "text", nullable: true }) txHash: string | null;
  @Column({ name: "chain_status", type: "text" }) chainStatus: string;
  @Column({ name: "chain_error", type: "text", nullable: true }) chainError: string | null;
}
