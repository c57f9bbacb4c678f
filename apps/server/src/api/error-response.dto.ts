import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The body of every error answer of the API. */
export class ErrorResponseDto {
  @ApiProperty({ example: 'PROGRAM_NOT_FOUND', description: 'Stable, documented error code' }) code!: string;
  @ApiProperty({ example: 'Aucun programme ne porte ce code.', description: 'Message in the language asked for (Accept-Language), French by default' })
  message!: string;
  @ApiProperty({ example: '3f1c2b9e-5d1a-4c36-9f0e-1e2d3c4b5a69', description: 'Also in the x-correlation-id header; give it to support' })
  correlationId!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}
