import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth.js';
import type { ApiContext } from '../context.js';
import { Nullable } from '../schemas.js';
import { LANGS, type Principal } from '../tokens.js';

const LangSchema = Type.Union(
  LANGS.map((l) => Type.Literal(l)),
  { description: "The web pages' language: 'id' (Bahasa Indonesia, default) or 'en'" },
);

const MeSchema = Type.Object({
  role: Type.String(),
  label: Type.String(),
  crewId: Nullable(Type.String()),
  crewName: Nullable(Type.String()),
  vehicleId: Nullable(Type.String()),
  lang: LangSchema,
});

/** Who a token belongs to: the web pages use it to sign in and to find a crew's own list. */
export const sessionRoutes =
  (ctx: ApiContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/me',
      {
        preHandler: requireRole('admin', 'office', 'crew'),
        schema: {
          tags: ['system'],
          summary: 'The role, label and crew of the calling token',
          response: { 200: MeSchema },
        },
      },
      async (request) => me(ctx, request.principal!),
    );

    app.patch(
      '/api/v1/me',
      {
        preHandler: requireRole('admin', 'office', 'crew'),
        schema: {
          tags: ['system'],
          summary: 'Set the calling token’s own preferences (the web pages’ language)',
          description:
            'The language follows the person (the token), not the browser: a crew member who ' +
            'picks English on one phone sees English on the next.',
          body: Type.Object({ lang: LangSchema }, { additionalProperties: false }),
          response: { 200: MeSchema },
        },
      },
      async (request) => {
        const principal = request.principal!;
        ctx.tokens.setLang(principal, request.body.lang);
        request.log.info({ role: principal.role, lang: request.body.lang }, 'language chosen');

        return me(ctx, { ...principal, lang: request.body.lang });
      },
    );
  };

function me(ctx: ApiContext, principal: Principal) {
  const { role, label, crewId, lang } = principal;
  const crew = crewId ? ctx.registry.crew(crewId) : null;

  return {
    role,
    label,
    crewId,
    crewName: crew?.name ?? null,
    vehicleId: crew?.vehicleId ?? null,
    lang,
  };
}
