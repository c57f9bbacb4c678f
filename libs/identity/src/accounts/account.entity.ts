import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Locale } from '@fa/shared';
import type { Role } from './role';

export type AccountStatus = 'PENDING_VERIFICATION' | 'ACTIVE' | 'DISABLED';

@Entity({ name: 'account' })
export class AccountEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Lower-cased. */
  @Column('text') email!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text', { name: 'preferred_locale' }) preferredLocale!: Locale;
  @Column('text') role!: Role;
  @Column('text') status!: AccountStatus;
  /** argon2id (PHC string); null until the person chooses a password. */
  @Column('text', { name: 'password_hash', nullable: true, select: false }) passwordHash!: string | null;
  @Column('timestamptz', { name: 'email_verified_at', nullable: true }) emailVerifiedAt!: Date | null;
  @Column('timestamptz', { name: 'password_changed_at', nullable: true }) passwordChangedAt!: Date | null;
  @Column('timestamptz', { name: 'disabled_at', nullable: true }) disabledAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
