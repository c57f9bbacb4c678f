import { DomainError } from '@fa/shared';

export enum ProgramsErrorCode {
  PROGRAM_NOT_FOUND = 'PROGRAM_NOT_FOUND',
}

export class ProgramsError extends DomainError<ProgramsErrorCode> {
  constructor(code: ProgramsErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static programNotFound(code: string): ProgramsError {
    return new ProgramsError(ProgramsErrorCode.PROGRAM_NOT_FOUND, `No program has the code "${code}".`, { programCode: code });
  }
}
