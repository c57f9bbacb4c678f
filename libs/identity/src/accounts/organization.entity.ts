import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An SME, identified by its Québec enterprise number (NEQ). */
@Entity({ name: 'organization' })
export class OrganizationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'legal_name' }) legalName!: string;
  @Column('char', { length: 10 }) neq!: string;
  @Column('uuid', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity({ name: 'organization_member' })
export class OrganizationMemberEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' }) organizationId!: string;
  @PrimaryColumn('uuid', { name: 'account_id' }) accountId!: string;
  @Column('timestamptz', { name: 'joined_at' }) joinedAt!: Date;
}
