import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { parseBinCsv } from '../../registry/bin-csv.js';
import { requireRole } from '../auth.js';
import type { ApiContext } from '../context.js';
import { ApiError } from '../errors.js';

const CSV_BODY_LIMIT_BYTES = 5_000_000;

export const binImportRoutes =
  (ctx: ApiContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Only this plugin's routes read CSV bodies.
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => {
      done(null, body);
    });

    app.post(
      '/api/v1/bins/import',
      {
        preHandler: requireRole('admin'),
        bodyLimit: CSV_BODY_LIMIT_BYTES,
        schema: {
          tags: ['bins'],
          summary: 'Import bins from CSV (all rows or none; every problem listed by line)',
          description:
            'Columns: id, areaId (or kecamatan), siteName, kind, landUse, lat, lon; optional ' +
            'volumeL, mountHeightMm, usableDepthMm (default from the kind), thresholdPct, ' +
            'reportIntervalS, enabled. Existing ids are updated. Send `content-type: text/csv`.',
          consumes: ['text/csv'],
          body: Type.String(),
          response: {
            200: Type.Object({
              imported: Type.Number(),
              created: Type.Number(),
              updated: Type.Number(),
            }),
          },
        },
      },
      async (request) => {
        const areaIds = new Set(ctx.registry.areas().map((a) => a.id));
        const result = parseBinCsv(request.body, areaIds);
        if (!result.ok) {
          const lines = new Set(result.problems.map((p) => p.line)).size;
          throw new ApiError(
            'INVALID_REQUEST',
            `${lines} line(s) have problems; nothing was imported`,
            result.problems,
          );
        }

        const existing = new Set(ctx.registry.bins().map((b) => b.id));
        const created = result.bins.filter((b) => !existing.has(b.id)).length;
        ctx.registry.importSnapshot(
          {
            areas: [],
            sites: [],
            facilities: [],
            bins: result.bins,
            devices: [],
            vehicles: [],
            crews: [],
          },
          'merge',
        );
        ctx.directory.reload();
        request.log.info({ bins: result.bins.length, created }, 'bins imported from csv');

        return {
          imported: result.bins.length,
          created,
          updated: result.bins.length - created,
        };
      },
    );
  };
