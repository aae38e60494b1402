/**
 * Security headers on every answer (helmet). The CSP fits the built admin UI — one script and one
 * stylesheet file from /assets, no inline script or style, fetch to the same origin — and costs the
 * JSON APIs (/api, /engine-rest) nothing. HSTS and upgrade-insecure-requests only when the server
 * is reached over HTTPS (SECURE_COOKIES): over plain HTTP they would lock browsers out.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function securityHeaders(opts: { https: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
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
