import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, DomainError, ValidationFailedError } from '@fa/shared';
import { AccountsService } from '@fa/identity';
import { ProgramAdministrationService, SettingsVersion } from '@fa/administration';
import { ProgramsService } from '@fa/programs';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { httpStatusOf } from '../../http/error-status';
import { requestLocale } from '../../http/request-locale';
import { formText } from '../form-values';
import { PageRenderer } from '../page-renderer';
import { FormProblem, inputId, problemsAtInputs, readSettingsForm, settingsFormModel } from './program-settings-form';

/** The fields that differ between two documents, by path (`screening.weights.leverage`, `targets[1]`…). */
function changedPaths(before: unknown, after: unknown, path = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isNode = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isNode(before) && isNode(after)) {
    const keys = new Set([...Object.keys(before as object), ...Object.keys(after as object)]);
    return [...keys].flatMap((key) => changedPaths((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length && before.every(isNode)) {
    return before.flatMap((item, index) => changedPaths(item, after[index], `${path}[${index}]`));
  }
  return [path || '—'];
}

/**
 * Administrators change the program's settings here, as a new version with their reason; they
 * and auditors read every version, who made it, when, why and what it changed.
 */
@ApiExcludeController()
@Controller('admin/program')
export class ProgramSettingsPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly administration: ProgramAdministrationService,
    private readonly programs: ProgramsService,
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('ADMINISTRATOR', 'AUDITOR')
  async show(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply) {
    return this.render(caller, request, reply, { values: null, problems: [], reason: '', notice: null }, 200);
  }

  @Post()
  @Roles('ADMINISTRATOR')
  async change(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const t = this.translator(request);
    const current = await this.administration.current(this.config.PROGRAM_CODE);
    const locale = requestLocale(request);
    const regionNames = new Map((await this.programs.listRegions()).map((region) => [region.code, locale === 'fr' ? region.nameFr : region.nameEn]));
    const { document, values, problems } = readSettingsForm(body, current.settings, regionNames, locale, t);
    // The version the form was drawn from goes back into it: sent again, a form refused for a newer version stays refused.
    values.expectedVersion = formText(body?.expectedVersion);
    const reason = formText(body?.reason);
    if (!reason) problems.push({ field: 'reason', message: t('programSettings.problems.reason') });
    if (problems.length > 0) return this.render(caller, request, reply, { values, problems, reason, notice: null }, 400);
    try {
      const version = await this.administration.change(actingCaller(caller, request), this.config.PROGRAM_CODE, { settings: document, reason, expectedVersion: Number(formText(body.expectedVersion)) });
      return reply.status(303).redirect(`/admin/program?saved=${version.version}#history`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const found = error instanceof ValidationFailedError ? problemsAtInputs(error.fields, document, t) : [{ field: '', message: this.pages.errorMessage(request, error) }];
      return this.render(caller, request, reply, { values, problems: found, reason, notice: null }, httpStatusOf(error));
    }
  }

  private async render(caller: Caller, request: RequestWithCaller, reply: FastifyReply, state: { values: Record<string, string> | null; problems: FormProblem[]; reason: string; notice: string | null }, status: number) {
    const t = this.translator(request);
    const locale = requestLocale(request);
    const [current, history, regions] = await Promise.all([
      this.administration.current(this.config.PROGRAM_CODE), this.administration.history(this.config.PROGRAM_CODE), this.programs.listRegions(),
    ]);
    const saved = Number((request.query as Record<string, string>).saved);
    const names = await this.authorNames(history);
    return this.pages.render(request, reply, 'program-settings', {
      pageTitle: t('programSettings.title'),
      editable: caller.account.role === 'ADMINISTRATOR',
      current: { version: current.version, changedAt: current.changedAt },
      expectedVersion: state.values?.expectedVersion || String(current.version),
      notice: Number.isInteger(saved) && saved === current.version ? t('programSettings.saved', { version: saved }) : state.notice,
      errors: state.problems.length > 0 ? state.problems.map((problem) => ({ ...problem, field: problem.field ? inputId(problem.field) : '' })) : null,
      reason: { value: state.reason, error: state.problems.find((problem) => problem.field === 'reason')?.message ?? null },
      form: settingsFormModel(current.settings, state.values, state.problems, regions.map((region) => ({ code: region.code, name: locale === 'fr' ? region.nameFr : region.nameEn })), locale, t),
      history: history.map((version, index) => ({
        version: version.version, changedAt: version.changedAt,
        // The first version is the migrations' settings, its reason written by the platform: said in the reader's language.
        reason: version.changedBy ? version.reason : t('programSettings.initialReason'),
        author: version.changedBy ? (names.get(version.changedBy) ?? version.changedBy) : t('programSettings.migrations'),
        changes: index + 1 < history.length ? changedPaths(history[index + 1].settings, version.settings).sort().join(', ') : t('programSettings.initial'),
        href: `/api/v1/programs/${this.config.PROGRAM_CODE}/settings/versions/${version.version}`,
      })),
    }, status);
  }

  private async authorNames(history: SettingsVersion[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(history.map((version) => version.changedBy).filter((id): id is string => id !== null))) names.set(id, (await this.accounts.findById(id))?.displayName ?? id);
    return names;
  }

  private translator(request: FastifyRequest) {
    return (key: string, params?: Record<string, unknown>) => this.pages.t(request, key, params);
  }
}
