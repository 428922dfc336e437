import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { ApiContext } from '../api/context.js';
import type { HttpPlugin } from '../api/http-server.js';
import type { PageConfig } from './page-config.js';
import { defaultBundleDir, loadBundle, type PageName } from './web-assets.js';

// A JSON string in the template, so the unbuilt HTML stays valid JSON inside the tag.
const CONFIG_MARK = '"__PESAN_CONFIG__"';

// Leaflet positions tiles and markers with inline styles; scripts stay same-origin only.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** JSON safe to place inside a <script> element. */
const inlineJson = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');

/**
 * Serves the office dashboard at `/`, the crew page at `/crew` and their hashed assets under
 * `/assets/`. The pages are read once at start; when the bundle is missing they answer 503
 * saying how to build it, and the API keeps working.
 */
export function webPlugin(ctx: ApiContext, options: { bundleDir?: string } = {}): HttpPlugin {
  return async (app) => {
    const bundle = loadBundle(options.bundleDir ?? defaultBundleDir());
    const config: PageConfig = {
      tileUrl: ctx.config.web.tileUrl === 'none' ? null : ctx.config.web.tileUrl,
      tileAttribution: ctx.config.web.tileAttribution,
    };
    if (!bundle) ctx.logger.warn('web bundle missing: run `npm run build` to serve the pages');

    const pages = new Map<PageName, string>();
    for (const name of ['office', 'crew'] as const) {
      const html = bundle?.pages[name];
      if (html) pages.set(name, html.replace(CONFIG_MARK, inlineJson(config)));
    }

    const sendPage = (reply: FastifyReply, name: PageName) => {
      const html = pages.get(name);
      if (!html) {
        return reply.code(503).send({
          error: { code: 'WEB_NOT_BUILT', message: 'the web pages are not built: npm run build' },
        });
      }

      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('x-content-type-options', 'nosniff')
        .send(html);
    };

    app.get('/', { schema: { hide: true } }, (_request, reply) => sendPage(reply, 'office'));
    app.get('/crew', { schema: { hide: true } }, (_request, reply) => sendPage(reply, 'crew'));

    // The service worker lives at the root path so its scope can cover /crew.
    app.get('/crew-sw.js', { schema: { hide: true } }, (_request, reply) => {
      if (!bundle) return reply.code(404).send();

      return reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(bundle.serviceWorker);
    });

    if (bundle) {
      await app.register(fastifyStatic, {
        root: bundle.assetsDir,
        prefix: '/assets/',
        decorateReply: false,
        index: false,
        // File names carry a content hash, so a browser may keep them for good.
        immutable: true,
        maxAge: '365d',
        // web/build.mjs writes .br and .gz next to each asset; slow phones get those.
        preCompressed: true,
      });
    }
  };
}
