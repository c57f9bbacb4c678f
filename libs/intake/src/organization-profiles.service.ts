import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, runInTransaction } from '@fa/shared';
import { AuditTrail, OrganizationEntity, OrganizationsService } from '@fa/identity';
import { OrganizationProfile, OrganizationProfilePatch } from './application.types';
import { IntakeCaller } from './application-access';
import { OrganizationProfileRepository } from './organization-profile.repository';
import { ProgramReferences } from './program-references';

export interface OrganizationWithProfile {
  organization: OrganizationEntity;
  profile: OrganizationProfile;
}

/** The enterprise's profile: address, region of the project's establishment, industry, size, role in AI. */
@Injectable()
export class OrganizationProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly profiles: OrganizationProfileRepository,
    private readonly references: ProgramReferences,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Registers the enterprise and its profile in one transaction; the caller becomes its first member. */
  async register(caller: IntakeCaller, input: { legalName: string; neq: string } & OrganizationProfilePatch): Promise<OrganizationWithProfile> {
    const { legalName, neq, ...profile } = input;
    await this.references.checkProfile(profile);
    return runInTransaction(this.dataSource, async (manager) => {
      const organization = await this.organizations.createIn(manager, caller, { legalName, neq });
      await this.profiles.upsert(manager, organization.id, profile, this.clock.now());
      return { organization, profile: await this.profiles.find(manager, organization.id) };
    });
  }

  async get(caller: IntakeCaller, organizationId: string): Promise<OrganizationWithProfile> {
    const organization = await this.organizations.findVisible(caller, organizationId);
    return { organization, profile: await this.profiles.find(this.dataSource.manager, organization.id) };
  }

  async update(caller: IntakeCaller, organizationId: string, patch: { legalName?: string } & OrganizationProfilePatch): Promise<OrganizationWithProfile> {
    const organization = await this.organizations.findVisible(caller, organizationId);
    const { legalName, ...profile } = patch;
    await this.references.checkProfile(profile);
    await runInTransaction(this.dataSource, async (manager) => {
      if (legalName !== undefined && legalName.trim() !== organization.legalName) await this.organizations.renameIn(manager, caller, organization.id, legalName);
      await this.profiles.upsert(manager, organization.id, profile, this.clock.now());
      await this.audit.recordBy(manager, caller, 'organization.profile_updated', { type: 'organization', id: organization.id }, { fields: Object.keys(profile) });
    });
    return this.get(caller, organizationId);
  }
}
