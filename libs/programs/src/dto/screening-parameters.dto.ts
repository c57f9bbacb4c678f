import { ApiProperty } from '@nestjs/swagger';

export class ScoreWeightsDto {
  @ApiProperty({ example: 25 }) leverage!: number;
  @ApiProperty({ example: 25 }) jobs!: number;
  @ApiProperty({ example: 15 }) useCaseFit!: number;
  @ApiProperty({ example: 15 }) readiness!: number;
  @ApiProperty({ example: 10 }) regionWave!: number;
  @ApiProperty({ example: 10 }) duration!: number;
}

/** Limits and weights of the automated screening, and the intake's attachment limits (settings). */
export class ScreeningParametersDto {
  @ApiProperty({ example: '2026.1' }) ruleSetVersion!: string;
  @ApiProperty({ example: 1 }) smeMinEmployees!: number;
  @ApiProperty({ example: 499 }) smeMaxEmployees!: number;
  @ApiProperty({ example: 30000, description: 'Private leverage earning full points, in basis points (30000 = 3:1)' }) leverageCapBps!: number;
  @ApiProperty({ example: 300, description: 'AI jobs per 100 000 $ requested earning full points, in hundredths' }) fullScoreJobsPer100kHundredths!: number;
  @ApiProperty({ example: 12 }) fullScoreDurationMonths!: number;
  @ApiProperty({ type: ScoreWeightsDto }) weights!: ScoreWeightsDto;
  @ApiProperty({ example: 10485760 }) attachmentMaxBytes!: number;
  @ApiProperty({ example: 20 }) attachmentMaxCount!: number;
}
