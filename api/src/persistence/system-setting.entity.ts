import { Column, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

/** Key/value facts the deployment keeps about itself (e.g. which chain its data belongs to). */
@Entity({ name: "system_setting" })
export class SystemSettingEntity {
  @PrimaryColumn({ type: "text" })
  key: string;

  @Column({ type: "jsonb" })
  value: unknown;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
