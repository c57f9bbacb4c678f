import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { EnvelopePosition, LedgerService, LedgerVerification } from '@fa/ledger';
import { Roles } from '../auth/access.decorators';
import { API_V1 } from './api-path';

export class EnvelopePositionDto implements EnvelopePosition {
  @ApiProperty({ example: 'FA-2026' }) programCode!: string;
  @ApiProperty({ example: 1_500_000_000, description: 'Cents' }) fundedCents!: number;
  @ApiProperty() availableCents!: number;
  @ApiProperty() committedCents!: number;
  @ApiProperty() disbursedCents!: number;
  @ApiProperty() recoveredCents!: number;
  @ApiProperty() receivableCents!: number;
}

export class BadEntryDto {
  @ApiProperty() position!: number;
  @ApiProperty({ nullable: true, type: String }) id!: string | null;
  @ApiProperty() reason!: string;
}

export class LedgerVerificationDto implements LedgerVerification {
  @ApiProperty() valid!: boolean;
  @ApiProperty() entriesChecked!: number;
  @ApiProperty() totalDebitsCents!: number;
  @ApiProperty() totalCreditsCents!: number;
  @ApiProperty({ type: [EnvelopePositionDto] }) envelopes!: EnvelopePositionDto[];
  @ApiProperty({ type: [String] }) problems!: string[];
  @ApiProperty({ type: BadEntryDto, nullable: true }) firstBadEntry!: BadEntryDto | null;
}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller(`${API_V1}/ledger`)
export class LedgerApiController {
  constructor(private readonly ledger: LedgerService) {}

  @Get('verify')
  @Roles('AUDITOR', 'ADMINISTRATOR', 'APPROVER')
  @ApiOperation({ summary: 'Check the ledger: Σ debits = Σ credits, balances, available + committed + disbursed + recovered = envelope, hash chain (names the first bad entry)' })
  @ApiOkResponse({ type: LedgerVerificationDto })
  verify(): Promise<LedgerVerificationDto> {
    return this.ledger.verify();
  }

  @Get('envelopes')
  @Roles('AUDITOR', 'ADMINISTRATOR', 'APPROVER', 'REVIEWER')
  @ApiOperation({ summary: 'Where each envelope stands: funded, available, committed, disbursed, recovered, receivable (cents)' })
  @ApiOkResponse({ type: [EnvelopePositionDto] })
  envelopes(): Promise<EnvelopePositionDto[]> {
    return this.ledger.envelopes();
  }
}
