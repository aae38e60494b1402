/**
 * /api/studio/processes — the process modeler's server side (docs/studio.md, "Process modeler"):
 * the deployed definitions with their versions and running instances, any version's BPMN XML, a
 * dry run of the engine's deploy checks, deploying a new version, and the form registry for the
 * formKey chooser. Analysts and administrators only (assertStudio), every answer included.
 *
 * Deploys go through the EngineClient (embedded engine or a remote Operaton) as deployment
 * `studio`, source `crm-studio`, without duplicate filtering: each deploy is a new version. The
 * startup deployment of processes/*.bpmn (deployment `processes`) compares each file only with the
 * files deployed before, so an unchanged file does not undo a studio version at the next start;
 * a changed file is deployed and becomes the latest version (docs/processes.md, "Versions").
 */
import { Router, type Request } from 'express';
import { EngineHttpError, type EngineClient } from '../../engine/index.js';
import { FORM_KEY_PREFIX, type FormRegistry } from '../../forms/index.js';
import { assertStudio } from '../access/index.js';
import { auditEvent } from '../audit/events.js';
import { currentUser } from '../auth/routes.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import { jsonObjectBody } from '../http/body.js';
import type { ModelStore } from '../model/store.js';
import { checkModel, emptyProcessXml, inputError, newProcessInput, targetOf } from './model.js';
import { textsFor } from '../http/language.js';

/** The deployment name and source of studio deploys (startup's are `processes` / `crm-runtime`). */
export const STUDIO_DEPLOYMENT = { name: 'studio', source: 'crm-studio' } as const;

/** The largest model the studio takes (the shipped ones are 10–40 KB). */
const MAX_XML_CHARS = 2_000_000;

export interface StudioProcessDeps {
  db: Db;
  store: ModelStore;
  engine: EngineClient;
  forms: FormRegistry;
}

/** `{xml}` of the body: a non-empty string (400 naming `/xml` otherwise). */
function xmlOf(req: Request): string {
  const xml = jsonObjectBody(req).xml;
  if (typeof xml !== 'string' || xml.trim() === '') throw new AppError('validation-failed', 'xml must be the BPMN 2.0 XML of the model', [inputError('/xml', { code: 'process-xml-empty' })]);
  if (xml.length > MAX_XML_CHARS) throw new AppError('validation-failed', `xml is longer than ${MAX_XML_CHARS} characters`, [inputError('/xml', { code: 'process-xml-too-long' })]);
  return xml;
}

export function studioProcessRoutes(deps: StudioProcessDeps): Router {
  const { db, store, engine, forms } = deps;
  const r = Router();
  /** Each deployed key with its latest version's name. */
  const deployedKeys = async () => new Map((await engine.processDefinitions()).map((d) => [d.key, d.name ?? null] as const));
  /** The body's model checked against its target (the process the page opened, or a new one). */
  const check = (req: Request) => {
    const xml = xmlOf(req);
    return checkModel(xml, forms, targetOf(jsonObjectBody(req)), deployedKeys).then((result) => ({ xml, ...result }));
  };
  r.use((req, _res, next) => {
    assertStudio(currentUser(req), store.current, 'use the process modeler');
    next();
  });

  r.get('/forms', (_req, res) => {
    const items = [...forms.forms.values()].map((f) => ({ id: f.id, formKey: `${FORM_KEY_PREFIX}${f.id}`, title: f.title })).sort((a, b) => a.id.localeCompare(b.id));
    res.json({ items });
  });

  r.get('/', async (_req, res) => {
    const [definitions, running] = await Promise.all([engine.processDefinitions(), engine.runningInstanceCounts()]);
    const byKey = new Map<string, { key: string; name: string | null; versions: { id: string; version: number; name: string | null; deploymentId: string; running: number }[] }>();
    for (const d of definitions) {
      const entry = byKey.get(d.key) ?? { key: d.key, name: null, versions: [] };
      entry.name = d.name ?? entry.name; // the latest version's name (versions come oldest first)
      entry.versions.push({ id: d.id, version: d.version, name: d.name ?? null, deploymentId: d.deploymentId, running: running[d.id] ?? 0 });
      byKey.set(d.key, entry);
    }
    const items = [...byKey.values()].map((p) => ({ ...p, latestVersion: p.versions[p.versions.length - 1].version, running: p.versions.reduce((n, v) => n + v.running, 0) }));
    res.json({ items });
  });

  r.get('/:key/versions/:version', async (req, res) => {
    const { key } = req.params;
    const version = Number(req.params.version);
    const definition = (await engine.processDefinitions()).find((d) => d.key === key && d.version === version);
    if (!definition) throw new AppError('not-found', `process ${key} has no version ${req.params.version}`);
    const xml = await engine.definitionXml(definition.id);
    if (xml === null) throw new AppError('not-found', `process ${key} has no version ${req.params.version}`);
    const running = (await engine.runningInstanceCounts())[definition.id] ?? 0;
    res.json({ id: definition.id, key, version, name: definition.name ?? null, running, xml });
  });

  r.post('/new', async (req, res) => {
    const { key, name } = newProcessInput(jsonObjectBody(req));
    const taken = (await deployedKeys()).get(key);
    if (taken !== undefined) throw new AppError('duplicate', `a deployed process has the key '${key}'`, [inputError('/key', { code: 'process-key-taken', params: { other: taken ?? key } })]);
    res.json({ key, name, xml: emptyProcessXml(key, name) });
  });

  r.post('/validate', async (req, res) => {
    const { processes, problems } = await check(req);
    res.json({ valid: problems.length === 0, processes, problems: textsFor(req, problems) });
  });

  r.post('/deploy', async (req, res) => {
    const user = currentUser(req);
    const { xml, processes, problems: found } = await check(req);
    // Worded here, in the request's language: the problem's errors are made from them.
    const problems = textsFor(req, found);
    if (problems.length)
      throw new AppError(
        'validation-failed',
        `the model was not deployed: ${problems.length} problem(s)`,
        problems.map((p) => ({ path: '/xml', message: p.elementId ? `${p.elementId}: ${p.message}` : p.message })),
        { problems },
      );
    const resource = `${processes[0].key}.bpmn`;
    const ids = await engine.deploy({ ...STUDIO_DEPLOYMENT, duplicateFiltering: false, resources: [{ name: resource, content: Buffer.from(xml, 'utf8') }] }).catch((e: unknown) => {
      // A remote engine refusing what the embedded checks passed (its ParseException): nothing was deployed.
      if (e instanceof EngineHttpError && e.status === 400) throw new AppError('validation-failed', `the engine refused the model: ${e.message}`, [{ path: '/xml', message: e.message }]);
      throw e;
    });
    const deployed = (await engine.processDefinitions()).filter((d) => ids.includes(d.id)).map((d) => ({ id: d.id, key: d.key, version: d.version }));
    for (const d of deployed) await auditEvent(db, { actorId: user.id, kind: 'process.deploy', target: `process:${d.key}`, detail: { version: d.version, definitionId: d.id, resource } });
    res.status(201).json({ deployed });
  });

  return r;
}
