import { DomainError } from '@fa/shared';

export enum AdministrationErrorCode {
  SETTINGS_VERSION_CONFLICT = 'SETTINGS_VERSION_CONFLICT',
  SETTINGS_UNCHANGED = 'SETTINGS_UNCHANGED',
  ENVELOPE_BELOW_COMMITMENTS = 'ENVELOPE_BELOW_COMMITMENTS',
  SETTINGS_VERSION_NOT_FOUND = 'SETTINGS_VERSION_NOT_FOUND',
}

/** Refusals of a program's administration, each with a stable code. */
export class AdministrationError extends DomainError<AdministrationErrorCode> {
  constructor(code: AdministrationErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
