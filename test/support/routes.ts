import { apiClient } from './http-client';
import { INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

export interface DeclaredRoute {
  controller: string;
  handler: string;
  method: string;
  path: string;
  rule: unknown;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

/** Every route of every controller of an application, with the access rule it declares (if any). */
export function declaredRoutes(app: INestApplicationContext, accessMetadataKey: string): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!type) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const path = `/${[prefix, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
        routes.push({
          controller: type.name,
          handler: name,
          method: METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? '?',
          path,
          rule: Reflect.getMetadata(accessMetadataKey, handler) ?? Reflect.getMetadata(accessMetadataKey, type),
        });
      }
    }
  }
  return routes;
}

/** Calls an API route with its own method (and an empty body where it takes one). */
export function callApiRoute(api: ReturnType<typeof apiClient>, method: string, path: string, token: string | undefined): Promise<{ status: number }> {
  switch (method) {
    case 'GET':
      return api.get(path, { token });
    case 'PATCH':
      return api.patch(path, {}, { token });
    case 'PUT':
      return api.put(path, {}, { token });
    case 'DELETE':
      return api.delete(path, { token });
    default:
      return api.post(path, {}, { token });
  }
}
