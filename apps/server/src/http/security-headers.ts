import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { HelmetOptions } from 'helmet';
import { AppConfig } from '@fa/shared';

/**
 * Security headers on every answer: a strict Content-Security-Policy (everything from this
 * origin, no inline script or style, no framing by other sites), helmet's other defaults, and
 * HSTS in production.
 */
export function securityHeaderOptions(config: AppConfig): HelmetOptions {
  const production = config.NODE_ENV === 'production';
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

/**
 * The headers helmet sets for these options, computed once. Our policies have no per-request
 * part, so setting a precomputed set costs one call per request instead of running helmet's
 * middleware chain each time (measured: about 20 % of a simple API read, docs/benchmarks.md).
 */
export function precomputedSecurityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not finish synchronously; its headers cannot be precomputed');
  return headers;
}

/** Swagger UI injects inline styles; its pages (which hold no personal data) alone may use them. */
export function withInlineStyles(headers: Record<string, string>): Record<string, string> {
  const policy = headers['content-security-policy'];
  return { ...headers, 'content-security-policy': policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'") };
}

/**
 * Headers of the JSON API (OWASP REST Security Cheat Sheet): a browser must never render,
 * frame or cache an API answer; the page-oriented policies add nothing there but bytes.
 */
export function apiSecurityHeaders(config: AppConfig): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    ...(config.NODE_ENV === 'production' ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** The HTML body of a received mail (development inbox): inline styles, nothing else, sandboxed. */
export const MAIL_PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";
