import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, centsAsDecimal, toCents } from '@fa/shared';
import { ProgramsService } from '@fa/programs';

/** One awarded grant in the 360Giving Data Standard's shape (1.4; see docs/open-data.md). */
export interface GiftRecord {
  id: string;
  title: string;
  description: string;
  currency: 'CAD';
  amountAwarded: number;
  amountDisbursed: number;
  awardDate: string;
  recipientOrganization: { id: string; name: string; addressRegion?: string; addressCountry: 'CA' }[];
  fundingOrganization: { id: string; name: string }[];
  grantProgramme: { code: string; title: string }[];
  beneficiaryLocation: { name: string; geoCode: string; geoCodeType: string; countryCode: 'CA' }[];
  classifications: { vocabulary: string; code: string; title: string }[];
  dateModified: string;
}

export interface GrantPackage {
  version: '1.4';
  grants: GiftRecord[];
}

interface GrantRow {
  tracking_number: string;
  title: string | null;
  sector_code: string | null;
  use_case_code: string | null;
  award_day: string;
  awarded_cents: string;
  disbursed_cents: string;
  neq: string;
  legal_name: string;
  region_code: string | null;
  modified_at: Date;
}

/** The publisher's prefix: 360Giving identifiers for publishers without an org-id list of their own. */
const PREFIX = '360G-IQ';
/**
 * NEQs of sole proprietorships start with 22, of partnerships and other groups with 33: their
 * names are often people's, so they are not published.
 */
const PERSONAL_NAME = /^(22|33)/;

const GRANTS = `
  SELECT a.tracking_number, a.title, a.sector_code, a.use_case_code, to_char(d.decided_at AT TIME ZONE $2, 'YYYY-MM-DD') AS award_day,
         coalesce(g.amount_cents, d.amount_cents)::text AS awarded_cents,
         coalesce((SELECT sum(CASE e.entry_type WHEN 'DISBURSEMENT' THEN e.amount_cents ELSE -e.amount_cents END)
                     FROM ledger_entry e WHERE e.grant_id = a.id AND e.entry_type IN ('DISBURSEMENT', 'DISBURSEMENT_REVERSAL')), 0)::text AS disbursed_cents,
         o.neq, o.legal_name,
         (SELECT s.inputs->>'regionCode' FROM screening s WHERE s.application_id = a.id ORDER BY s.screened_at DESC, s.id DESC LIMIT 1) AS region_code,
         greatest(d.decided_at, g.signed_at, g.ended_at, (SELECT max(e.occurred_at) FROM ledger_entry e WHERE e.grant_id = a.id)) AS modified_at
    FROM decision d
    JOIN application a ON a.id = d.application_id
    JOIN organization o ON o.id = a.organization_id
    LEFT JOIN agreement g ON g.application_id = a.id
   WHERE d.outcome = 'APPROVED' AND a.program_code = $1
   ORDER BY d.decided_at, a.tracking_number`;

/**
 * Awarded grants as open data (fund-rules.md §8): what was awarded, to which enterprise, where,
 * in which sector and how much was paid — never a person. Free text the enterprise wrote is
 * kept to the project's title; the description is composed from the program's own labels.
 */
@Injectable()
export class OpenDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async grants(programCode: string): Promise<GrantPackage> {
    const [overview, regions, rows] = await Promise.all([
      this.programs.getOverview(programCode),
      this.programs.listRegions(),
      this.dataSource.query(GRANTS, [programCode, this.config.APP_TIME_ZONE]) as Promise<GrantRow[]>,
    ]);
    const regionNames = new Map(regions.map((region) => [region.code, region.nameFr]));
    const sectors = new Map(overview.sectors.map((sector) => [sector.code, sector]));
    const useCases = new Map(overview.sectors.flatMap((sector) => sector.useCases).map((useCase) => [useCase.code, useCase.labelFr]));
    const program = overview.program;
    return {
      version: '1.4',
      grants: rows.map((row): GiftRecord => {
        const sector = row.sector_code ? sectors.get(row.sector_code) : undefined;
        const regionName = row.region_code ? (regionNames.get(row.region_code) ?? row.region_code) : null;
        const soleProprietorship = PERSONAL_NAME.test(row.neq);
        return {
          id: `${PREFIX}-${row.tracking_number}`,
          title: row.title?.trim() || `Projet ${row.tracking_number}`,
          description: [
            `Adoption de l'intelligence artificielle par une PME${sector ? ` — ${sector.labelFr}` : ''}`,
            row.use_case_code && useCases.has(row.use_case_code) ? `cas d'usage : ${useCases.get(row.use_case_code)}` : null,
            regionName ? `région : ${regionName}` : null,
          ].filter(Boolean).join('; ') + '.',
          currency: 'CAD',
          amountAwarded: Number(centsAsDecimal(toCents(row.awarded_cents))),
          amountDisbursed: Number(centsAsDecimal(toCents(row.disbursed_cents))),
          awardDate: row.award_day,
          recipientOrganization: [{
            id: soleProprietorship ? `${PREFIX}-${row.tracking_number}-RECIPIENT` : `${PREFIX}-NEQ-${row.neq}`,
            name: soleProprietorship ? 'Entreprise individuelle (nom non publié)' : row.legal_name,
            ...(regionName ? { addressRegion: regionName } : {}),
            addressCountry: 'CA',
          }],
          fundingOrganization: [{ id: PREFIX, name: program.operatorName }],
          grantProgramme: [{ code: program.code, title: program.nameFr }],
          beneficiaryLocation: row.region_code ? [{ name: regionName!, geoCode: row.region_code, geoCodeType: 'QC-REGION-ADMINISTRATIVE', countryCode: 'CA' }] : [],
          classifications: sector ? [{ vocabulary: `${program.code}-secteurs-prioritaires`, code: sector.code, title: sector.labelFr }] : [],
          dateModified: row.modified_at.toISOString(),
        };
      }),
    };
  }
}
