import { Controller, Get, Inject, Render, Req, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, MessageCatalog } from '@fa/shared';
import { ProgramsService } from '@fa/programs';
import { requestLocale } from '../http/request-locale';
import { homePageModel } from './home.page-model';
import { PageContextInterceptor } from './page-context';
import { Public } from '../auth/access.decorators';

@ApiExcludeController()
@Public()
@Controller()
@UseInterceptors(PageContextInterceptor)
export class HomeController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly catalog: MessageCatalog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('pages/home')
  async home(@Req() request: FastifyRequest) {
    const overview = await this.programs.getOverview(this.config.PROGRAM_CODE);
    return { pageTitle: this.catalog.translate(requestLocale(request), 'home.title'), ...homePageModel(overview) };
  }
}
