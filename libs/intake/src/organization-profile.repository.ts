import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toCents } from '@fa/shared';
import { OrganizationProfile, OrganizationProfilePatch } from './application.types';

const COLUMNS: Record<keyof OrganizationProfile, string> = {
  streetAddress: 'street_address',
  city: 'city',
  postalCode: 'postal_code',
  regionCode: 'region_code',
  naicsCode: 'naics_code',
  employees: 'employees',
  annualRevenueCents: 'annual_revenue_cents',
  aiRole: 'ai_role',
  clientSectorCode: 'client_sector_code',
};

export const EMPTY_PROFILE: OrganizationProfile = {
  streetAddress: null, city: null, postalCode: null, regionCode: null, naicsCode: null,
  employees: null, annualRevenueCents: null, aiRole: null, clientSectorCode: null,
};

/** The enterprise profile kept by the intake context, one row per organization. */
@Injectable()
export class OrganizationProfileRepository {
  async find(manager: EntityManager, organizationId: string): Promise<OrganizationProfile> {
    const rows = (await manager.query(
      `SELECT street_address, city, postal_code, region_code, naics_code, employees, annual_revenue_cents, ai_role, client_sector_code
         FROM organization_profile WHERE organization_id = $1`,
      [organizationId],
    )) as Record<string, unknown>[];
    if (rows.length === 0) return { ...EMPTY_PROFILE };
    const row = rows[0];
    return {
      streetAddress: row.street_address as string | null,
      city: row.city as string | null,
      postalCode: row.postal_code as string | null,
      regionCode: row.region_code as string | null,
      naicsCode: row.naics_code as string | null,
      employees: row.employees as number | null,
      annualRevenueCents: row.annual_revenue_cents === null ? null : toCents(row.annual_revenue_cents as string),
      aiRole: row.ai_role as OrganizationProfile['aiRole'],
      clientSectorCode: row.client_sector_code as string | null,
    };
  }

  async upsert(manager: EntityManager, organizationId: string, patch: OrganizationProfilePatch, now: Date): Promise<void> {
    const fields = (Object.keys(COLUMNS) as (keyof OrganizationProfile)[]).filter((field) => patch[field] !== undefined);
    const columns = fields.map((field) => COLUMNS[field]);
    const values = fields.map((field) => patch[field]);
    const placeholders = values.map((_, index) => `$${index + 3}`);
    const updates = columns.map((column) => `${column} = EXCLUDED.${column}`);
    await manager.query(
      `INSERT INTO organization_profile (organization_id, updated_at${columns.map((column) => `, ${column}`).join('')})
       VALUES ($1, $2${placeholders.map((placeholder) => `, ${placeholder}`).join('')})
       ON CONFLICT (organization_id) DO UPDATE SET ${['updated_at = EXCLUDED.updated_at', ...updates].join(', ')}`,
      [organizationId, now, ...values],
    );
  }
}
