/**
 * The shipped forms against the shipped processes and model: every `crm:` form key a BPMN model
 * names has its form, and a form that writes record fields is used only by processes that run for
 * a record (a trigger starts them) whose entity has those fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FORMS_DIR, formIdOfKey, loadForms } from '../../forms/index.js';
import { loadModel } from '../../metadata/index.js';
import { DEFAULT_PROCESSES_DIR } from '../../processes/index.js';
import { processEntity } from '../../runtime/tasks/records.js';

/** process id → the crm: form ids its user tasks name, per shipped model. */
function formsByProcess(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const file of readdirSync(DEFAULT_PROCESSES_DIR).filter((f) => f.endsWith('.bpmn'))) {
    const xml = readFileSync(join(DEFAULT_PROCESSES_DIR, file), 'utf8');
    for (const m of xml.matchAll(/<(?:bpmn2?:)?process\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/(?:bpmn2?:)?process>/g)) {
      const ids = [...m[2].matchAll(/(?:camunda|operaton):formKey="([^"]+)"/g)].map((k) => formIdOfKey(k[1])).filter((id): id is string => id !== null);
      out.set(m[1], new Set(ids));
    }
  }
  return out;
}

test('every crm: form a shipped process names exists; its record mapping names fields of the process\'s record', () => {
  const forms = loadForms(DEFAULT_FORMS_DIR);
  const model = loadModel();
  const problems: string[] = [];
  for (const [processKey, ids] of formsByProcess()) {
    for (const id of ids) {
      const form = forms.get(id);
      if (!form) {
        problems.push(`${processKey}: crm:${id} has no form in forms/`);
        continue;
      }
      const mapped = Object.keys(form.record.fields);
      if (mapped.length === 0) continue;
      const entity = processEntity(model, processKey);
      if (entity === null) {
        problems.push(`${processKey}: form ${id} writes record fields, but no trigger starts the process for a record`);
        continue;
      }
      for (const field of mapped) {
        const f = model.entities[entity].fields.find((x) => x.name === field && !x.hidden);
        if (!f) problems.push(`${processKey}: form ${id} writes ${entity}.${field}, which ${entity} does not have`);
      }
    }
  }
  expect(problems).toEqual([]);
});
