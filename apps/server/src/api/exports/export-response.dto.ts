import { ApiProperty } from '@nestjs/swagger';
import { AccountTotal, ChainHead, EXPORT_FORMATS, ExportFormat, ExportManifest, ExportSubject, LedgerEntryPage, LedgerEntryView } from '@fa/audit-exports';

export class LedgerEntryDto implements LedgerEntryView {
  @ApiProperty() position!: number;
  @ApiProperty() id!: string;
  @ApiProperty({ example: '2026-11-23T15:00:00.000000Z' }) occurredAt!: string;
  @ApiProperty({ example: 'COMMITMENT' }) entryType!: string;
  @ApiProperty({ description: 'Cents' }) amountCents!: number;
  @ApiProperty({ example: 'COMMITTED:0a1b2c3d-…' }) debitAccount!: string;
  @ApiProperty({ example: 'ENVELOPE_AVAILABLE:FA-2026' }) creditAccount!: string;
  @ApiProperty({ nullable: true, type: String }) grantId!: string | null;
  @ApiProperty({ nullable: true, type: String }) regionCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) sectorCode!: string | null;
  @ApiProperty({ description: 'Opaque id of who acted (an account id or `system`)' }) actor!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() idempotencyKey!: string;
  @ApiProperty() previousHash!: string;
  @ApiProperty() hash!: string;
}

export class LedgerEntryPageDto implements LedgerEntryPage {
  @ApiProperty({ type: [LedgerEntryDto] }) entries!: LedgerEntryDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as `after` for the next page; null on the last one' }) nextAfter!: number | null;
}

export class AccountTotalDto implements AccountTotal {
  @ApiProperty() account!: string;
  @ApiProperty() debitCents!: number;
  @ApiProperty() creditCents!: number;
}

export class ChainHeadDto implements ChainHead {
  @ApiProperty({ description: 'Position of the last entry of the chain in the snapshot (0: none)' }) position!: number;
  @ApiProperty() hash!: string;
}

export class RequesterDto {
  @ApiProperty({ nullable: true, type: String }) accountId!: string | null;
  @ApiProperty() label!: string;
}

export class ExportManifestDto implements ExportManifest {
  @ApiProperty() exportId!: string;
  @ApiProperty({ enum: ['LEDGER', 'AUDIT_TRAIL'] }) subject!: ExportSubject;
  @ApiProperty({ enum: EXPORT_FORMATS }) format!: ExportFormat;
  @ApiProperty() fileName!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) filters!: Record<string, string>;
  @ApiProperty() rowCount!: number;
  @ApiProperty({ type: [AccountTotalDto], nullable: true, description: 'Σ debits and Σ credits per account over the exported entries (ledger only)' }) accountTotals!: AccountTotalDto[] | null;
  @ApiProperty({ description: 'SHA-256 of the file’s bytes, hex' }) sha256!: string;
  @ApiProperty() byteCount!: number;
  @ApiProperty({ type: ChainHeadDto }) chainHead!: ChainHeadDto;
  @ApiProperty() generatedAt!: string;
  @ApiProperty() completedAt!: string;
  @ApiProperty({ type: RequesterDto }) requestedBy!: RequesterDto;
}
