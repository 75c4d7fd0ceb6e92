import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { HostServices } from '../HostServices.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Serves the page's files. The set of servable names is read once at start, so no request path
 * ever reaches the file system (no traversal to worry about) and no static plugin is needed.
 */
export function registerPageRoutes(app: FastifyInstance, { publicDir }: HostServices): void {
  const files = new Set(readdirSync(publicDir).filter((f) => contentTypes[path.extname(f)] !== undefined));
  const serve = async (name: string, reply: import('fastify').FastifyReply) => {
    const body = await readFile(path.join(publicDir, name));
    return reply.type(contentTypes[path.extname(name)]!).header('cache-control', 'no-cache').send(body);
  };
  app.get('/', (_request, reply) => serve('index.html', reply));
  app.get<{ Params: { file: string } }>('/:file', async (request, reply) => {
    if (!files.has(request.params.file)) return reply.callNotFound();
    return serve(request.params.file, reply);
  });
}
