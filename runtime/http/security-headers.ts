/**
 * Security headers on every answer (helmet). The CSP fits the built admin UI — scripts and
 * stylesheets from /assets, no inline script or style element, style attributes only the few the
 * modeler's libraries write (by hash), fetch to the same origin — and costs the
 * JSON APIs (/api, /engine-rest) nothing. HSTS and upgrade-insecure-requests only when the server
 * is reached over HTTPS (SECURE_COOKIES): over plain HTTP they would lock browsers out.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The inline style attributes the process modeler's libraries write as HTML text (which the CSP
 * checks, unlike styles set through the DOM): the properties panel's container (`height: 100%`)
 * and bpmn-js's align/distribute icons. Allowed by hash, these exact values and nothing else
 * ('unsafe-hashes'); no inline <style> element and no other style attribute (docs/security.md).
 * tests/e2e/studio-process.test.ts fails when a library update writes one not listed here.
 */
export const ALLOWED_STYLE_ATTRIBUTES = [
  'height: 100%',
  'fill:none;stroke:currentColor;stroke-width:100;',
  'fill:none;stroke:currentColor;stroke-width:100;stroke-linejoin:round;',
  'fill:currentColor;stroke:currentColor;stroke-width:100;opacity:.5;',
  'stroke:currentColor;stroke-width:100;stroke-linecap:round;',
] as const;

export const styleHash = (value: string) => `'sha256-${createHash('sha256').update(value, 'utf8').digest('base64')}'`;

export function securityHeaders(opts: { https: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        styleSrcAttr: ["'unsafe-hashes'", ...ALLOWED_STYLE_ATTRIBUTES.map(styleHash)],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: opts.https ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  }) as RequestHandler;
}
