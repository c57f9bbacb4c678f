import type { Locale } from '@fa/shared';
import { AI_ROLES, OrganizationProfile, OrganizationProfilePatch } from '@fa/intake';
import { formText } from '../form-values';
import { FormProblems } from './form-problems';
import { INVALID, dollarsText, parseDollars, parseWholeNumber } from './form-input';

type FormBody = Record<string, unknown>;
const FIELDS = ['legalName', 'neq', 'streetAddress', 'city', 'postalCode', 'regionCode', 'naicsCode', 'employees', 'annualRevenueCents', 'aiRole', 'clientSectorCode'] as const;

/** The blank registration form. */
export function emptyOrganizationForm(): Record<string, string> {
  return { ...Object.fromEntries(FIELDS.map((field) => [field, ''])), aiRole: 'ADOPTER' };
}

export function organizationFormOf(organization: { legalName: string; neq: string }, profile: OrganizationProfile, locale: Locale): Record<string, string> {
  return {
    legalName: organization.legalName, neq: organization.neq, streetAddress: profile.streetAddress ?? '', city: profile.city ?? '', postalCode: profile.postalCode ?? '',
    regionCode: profile.regionCode ?? '', naicsCode: profile.naicsCode ?? '', employees: profile.employees === null ? '' : String(profile.employees),
    annualRevenueCents: dollarsText(profile.annualRevenueCents, locale), aiRole: profile.aiRole ?? '', clientSectorCode: profile.clientSectorCode ?? '',
  };
}

/** Reads the enterprise form: legal name and NEQ (registration only) and the profile. */
export function readOrganizationForm(body: FormBody, locale: Locale, problems: FormProblems, withNeq: boolean) {
  const form = Object.fromEntries(FIELDS.map((field) => [field, formText(body[field])])) as Record<(typeof FIELDS)[number], string>;
  if (form.legalName === '' ) problems.add('legalName', 'required');
  if (form.legalName.length > 300) problems.add('legalName', 'tooLong', { max: 300 });
  if (withNeq && !/^[0-9]{10}$/.test(form.neq.replace(/\s/g, ''))) problems.add('neq', 'neq');
  const postal = form.postalCode.replace(/\s+/g, '').toUpperCase();
  if (postal && !/^[A-Z][0-9][A-Z][0-9][A-Z][0-9]$/.test(postal)) problems.add('postalCode', 'postalCode');
  if (form.regionCode && !/^(0[1-9]|1[0-7])$/.test(form.regionCode)) problems.add('regionCode', 'choice');
  if (form.naicsCode && !/^[0-9]{2,6}$/.test(form.naicsCode)) problems.add('naicsCode', 'naics');
  if (form.aiRole && !(AI_ROLES as readonly string[]).includes(form.aiRole)) problems.add('aiRole', 'choice');
  if (form.streetAddress.length > 300) problems.add('streetAddress', 'tooLong', { max: 300 });
  if (form.city.length > 120) problems.add('city', 'tooLong', { max: 120 });
  const employees = parseWholeNumber(form.employees, 0, 1_000_000);
  if (employees === INVALID) problems.add('employees', 'integer', { min: 0, max: 1_000_000 });
  const revenue = parseDollars(form.annualRevenueCents, locale);
  if (revenue === INVALID) problems.add('annualRevenueCents', 'money');
  const profile: OrganizationProfilePatch = {
    streetAddress: form.streetAddress || null,
    city: form.city || null,
    postalCode: postal ? `${postal.slice(0, 3)} ${postal.slice(3)}` : null,
    regionCode: form.regionCode || null,
    naicsCode: form.naicsCode || null,
    employees: employees === INVALID ? null : employees,
    annualRevenueCents: revenue === INVALID ? null : revenue,
    aiRole: (form.aiRole || null) as OrganizationProfile['aiRole'],
    clientSectorCode: form.aiRole === 'SUPPLIER' ? form.clientSectorCode || null : null,
  };
  return { form, legalName: form.legalName, neq: form.neq.replace(/\s/g, ''), profile };
}
