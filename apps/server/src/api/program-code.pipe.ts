import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '@fa/shared';

const PROGRAM_CODE = /^[A-Z0-9-]{3,20}$/;

/**
 * Checks a program code in a path. A regular expression is all a path segment needs; the
 * global ValidationPipe (class-transformer + class-validator) stays for bodies and queries.
 */
@Injectable()
export class ProgramCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!PROGRAM_CODE.test(value)) {
      throw new ValidationFailedError([{ field: 'code', problems: ['code must be 3 to 20 capital letters, digits or dashes'] }]);
    }
    return value;
  }
}
