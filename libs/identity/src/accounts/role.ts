/** The five roles of fund-rules.md §9. An account has exactly one. */
export const ROLES = ['APPLICANT', 'REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR'] as const;
export type Role = (typeof ROLES)[number];

/** Roles an administrator creates; applicants register themselves. */
export const STAFF_ROLES: readonly Role[] = ['REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
