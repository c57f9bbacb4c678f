import { centsAsDecimal, csvText } from '@fa/shared';
import { GiftRecord } from './open-data.service';

/**
 * The 360Giving spreadsheet layout (the standard's own column titles, one grant a row), so the
 * file opens in the 360Giving tools as it is. Amounts are dollars with two decimals.
 */
const COLUMNS: [string, (grant: GiftRecord) => string | number | undefined][] = [
  ['Identifier', (grant) => grant.id],
  ['Title', (grant) => grant.title],
  ['Description', (grant) => grant.description],
  ['Currency', (grant) => grant.currency],
  ['Amount Awarded', (grant) => centsAsDecimal(Math.round(grant.amountAwarded * 100))],
  ['Amount Disbursed', (grant) => centsAsDecimal(Math.round(grant.amountDisbursed * 100))],
  ['Award Date', (grant) => grant.awardDate],
  ['Recipient Org:Identifier', (grant) => grant.recipientOrganization[0]?.id],
  ['Recipient Org:Name', (grant) => grant.recipientOrganization[0]?.name],
  ['Recipient Org:Region', (grant) => grant.recipientOrganization[0]?.addressRegion],
  ['Funding Org:Identifier', (grant) => grant.fundingOrganization[0]?.id],
  ['Funding Org:Name', (grant) => grant.fundingOrganization[0]?.name],
  ['Grant Programme:Code', (grant) => grant.grantProgramme[0]?.code],
  ['Grant Programme:Title', (grant) => grant.grantProgramme[0]?.title],
  ['Beneficiary Location:Name', (grant) => grant.beneficiaryLocation[0]?.name],
  ['Beneficiary Location:Geographic Code', (grant) => grant.beneficiaryLocation[0]?.geoCode],
  ['Beneficiary Location:Geographic Code Type', (grant) => grant.beneficiaryLocation[0]?.geoCodeType],
  ['Classifications:Code', (grant) => grant.classifications[0]?.code],
  ['Classifications:Title', (grant) => grant.classifications[0]?.title],
  ['Last Modified', (grant) => grant.dateModified],
];

export function grantsCsv(grants: GiftRecord[]): string {
  return csvText([COLUMNS.map(([title]) => title), ...grants.map((grant) => COLUMNS.map(([, value]) => String(value(grant) ?? '')))]);
}
