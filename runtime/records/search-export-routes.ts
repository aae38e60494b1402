/**
 * GET /api/search (global search), GET /api/records/:entity/export and
 * GET /api/records/:entity/text-search — thin handlers over search.ts, export.ts and
 * text-search.ts. The export router is mounted at /api/records *before* the records router, so
 * `/:entity/export` and `/:entity/text-search` win over `/:entity/:id`; every other request falls
 * through to it.
 */
import { Router, type Response } from 'express';
import { assertCan, modelFor } from '../access/index.js';
import { currentUser } from '../auth/routes.js';
import type { Db } from '../db/db.js';
import type { ModelStore } from '../model/store.js';
import { exportOptionsFrom, exportRecords, type ExportOutput } from './export.js';
import { searchQueryFrom, searchRecords } from './search.js';
import { textSearch } from './text-search.js';

export function searchRoutes(db: Db, store: ModelStore): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const user = currentUser(req);
    const query = searchQueryFrom(req.query as Record<string, unknown>);
    res.json(await searchRecords({ q: db, user, model: modelFor(user, store.current) }, query));
  });
  return r;
}

/** The response as an export's output: headers at start, writes that wait while the socket is full. */
function responseOutput(res: Response): ExportOutput {
  return {
    start({ contentType, filename }) {
      res.status(200).set({ 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' });
    },
    write(chunk) {
      if (res.destroyed) return Promise.resolve(false);
      if (res.write(chunk)) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve(!res.destroyed);
        };
        res.on('drain', done);
        res.on('close', done);
      });
    },
  };
}

export function exportRoutes(db: Db, store: ModelStore, log: (msg: string, err?: unknown) => void): Router {
  const r = Router();
  r.get('/:entity/text-search', async (req, res) => {
    const user = currentUser(req);
    const name = store.entity(req.params.entity).name;
    const model = modelFor(user, store.current);
    assertCan(user, model, name, 'read');
    res.json(await textSearch({ q: db, user, model }, model.entities[name], req.query as Record<string, unknown>, { me: user.id }));
  });
  r.get('/:entity/export', async (req, res) => {
    const user = currentUser(req);
    const name = store.entity(req.params.entity).name;
    const model = modelFor(user, store.current);
    assertCan(user, model, name, 'read');
    assertCan(user, model, name, 'export');
    const opts = exportOptionsFrom(req.query as Record<string, unknown>, { me: user.id });
    try {
      await exportRecords(db, user, model, model.entities[name], opts, responseOutput(res));
      res.end();
    } catch (e) {
      if (!res.headersSent) throw e;
      // Part of the file is out: cut the connection so the client cannot take it for a complete one.
      log(`export of ${name} failed after the first bytes`, e);
      res.destroy();
    }
  });
  return r;
}
