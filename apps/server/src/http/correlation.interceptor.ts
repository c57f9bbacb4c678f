import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { CorrelationContext } from '@fa/shared';
import { correlationIdOf } from './request-locale';

/** Makes the request's correlation id available to everything the handler calls (the outbox stamps it). */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const id = correlationIdOf(context.switchToHttp().getRequest<FastifyRequest>());
    return new Observable((subscriber) => CorrelationContext.run(id, () => next.handle().subscribe(subscriber)));
  }
}
