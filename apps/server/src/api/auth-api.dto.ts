import { ApiProperty } from '@nestjs/swagger';
import { TextLength } from './text-validators';
import { IsEmail, IsIn, IsString, Matches, MaxLength } from 'class-validator';

export class RegisterRequestDto {
  @ApiProperty({ example: 'marie.tremblay@example.org' }) @IsEmail() @MaxLength(320) email!: string;
  @ApiProperty({ example: 'Marie Tremblay' }) @TextLength(1, 200) displayName!: string;
  @ApiProperty({ enum: ['fr', 'en'], example: 'fr' }) @IsIn(['fr', 'en']) preferredLocale!: 'fr' | 'en';
  @ApiProperty({ description: '12 to 128 characters, any Unicode; common passwords are refused', example: 'érable rouge au printemps' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class VerifyRequestDto {
  @ApiProperty({ description: 'The token of the link mailed at registration' }) @IsString() @Matches(/^[A-Za-z0-9_-]{43}$/) token!: string;
}

export class TokenRequestDto {
  @ApiProperty({ example: 'marie.tremblay@example.org' }) @TextLength(0, 320) email!: string;
  @ApiProperty() @IsString() @MaxLength(1024) password!: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <accessToken>"' }) accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ example: 900, description: 'Seconds until the token expires' }) expiresIn!: number;
}

export class StatusResponseDto {
  @ApiProperty({ example: 'VERIFICATION_SENT' }) status!: string;
}

export class MeResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['APPLICANT', 'REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR'] }) role!: string;
  @ApiProperty({ enum: ['fr', 'en'] }) preferredLocale!: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'marie.tremblay@example.org' }) @TextLength(0, 320) email!: string;
}

export class PasswordResetCompleteDto {
  @ApiProperty({ description: 'The token of the mailed reset link (single use, one hour)' }) @IsString() @Matches(/^[A-Za-z0-9_-]{43}$/) token!: string;
  @ApiProperty() @IsString() @MaxLength(1024) password!: string;
}

export class PasswordChangeDto {
  @ApiProperty() @IsString() @MaxLength(1024) currentPassword!: string;
  @ApiProperty() @IsString() @MaxLength(1024) newPassword!: string;
}
