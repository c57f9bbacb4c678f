import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PersonalDataExport } from './personal-data-export';
import { SignedIn } from '../auth/access.decorators';
import { Caller, CurrentCaller } from '../auth/caller';

/** "My data": the signed-in person downloads all personal information held about them. */
@ApiExcludeController()
@Controller('account')
export class MyDataController {
  constructor(private readonly personalData: PersonalDataExport) {}

  @Get('data')
  @SignedIn()
  async download(@CurrentCaller() caller: Caller, @Res() reply: FastifyReply) {
    const data = await this.personalData.of(caller.account.id);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="mes-donnees-fonds-acceleration.json"')
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  }
}
