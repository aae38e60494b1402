/**
 * The entity designer's field editing (admin-ui/src/studio-model/fieldModel.ts), pure: what the
 * dialog writes into an entity document, against the shipped Contact and the meta-schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_METADATA_DIR, loadMetadataDir, documentsOf, validatePackage } from '../../metadata/index.js';
import type { EntityDoc } from '../../admin-ui/src/api/studioModel.js';
import { formOf, formProblems, kindOf, withField, withoutField } from '../../admin-ui/src/studio-model/fieldModel.js';

const contact = (): EntityDoc => JSON.parse(readFileSync(join(DEFAULT_METADATA_DIR, 'entities/contact.json'), 'utf8')) as EntityDoc;
const shipped = () => documentsOf(loadMetadataDir(DEFAULT_METADATA_DIR));
const valid = (doc: EntityDoc) => {
  const pkg = shipped();
  pkg.entities = pkg.entities.map((e) => (e['x-crm-entity'] === 'contact' ? (doc as never) : e));
  return validatePackage(pkg).filter((i) => i.file.startsWith('entities/contact'));
};

test('every shipped field reads back into the dialog and writes back unchanged, to the byte (no reordering in git)', () => {
  for (const doc of shipped().entities as unknown as EntityDoc[]) {
    for (const name of Object.keys(doc.properties!)) expect(JSON.stringify(withField(doc, name, formOf(doc, name)), null, 2)).toBe(JSON.stringify(doc, null, 2));
  }
});

test('a new unique text field with a duplicate rule is a valid document, appended after the others', () => {
  const form = { ...formOf(contact(), null), name: 'wechatId', label: { 'zh-CN': '微信号', en: 'WeChat ID' }, maxLength: '64', unique: true, duplicate: 'lower' };
  const doc = withField(contact(), null, form);
  expect(Object.keys(doc.properties!).at(-1)).toBe('wechatId');
  expect(doc.properties!.wechatId).toEqual({ type: 'string', maxLength: 64, 'x-crm-label': form.label });
  expect(doc['x-crm-unique']).toEqual([{ fields: ['wechatId'] }]);
  expect(doc['x-crm-duplicate-rules']!.at(-1)).toMatchObject({ name: 'sameWechatId', fields: [{ field: 'wechatId', normalise: 'lower' }] });
  expect(valid(doc)).toEqual([]);
});

test('renaming a field renames it in required, rules, indexes and the layout; removing it removes them', () => {
  let doc = contact();
  doc['x-crm-layout'] = { sections: [{ key: 'main', label: { 'zh-CN': '主要', en: 'Main' }, fields: ['lastName', 'email'] }] };
  doc = withField(doc, 'lastName', { ...formOf(doc, 'lastName'), name: 'surname' });
  expect(doc.required).toEqual(['firstName', 'surname']);
  expect(doc['x-crm-indexes']).toEqual([{ fields: ['surname', 'firstName'] }]);
  expect(doc['x-crm-layout']!.sections[0].fields).toEqual(['surname', 'email']);
  expect(doc['x-crm-display-field']).toBe('surname');
  expect(valid(doc)).toEqual([]);
  doc = withoutField(withoutField(doc, 'email'), 'mobile');
  expect(doc['x-crm-duplicate-rules']).toBeUndefined();
  expect(doc['x-crm-layout']!.sections[0].fields).toEqual(['surname']);
});

test('an enum field with labels, a lookup, and the problems the dialog shows before saving', () => {
  const base = formOf(contact(), null);
  const doc = withField(contact(), null, { ...base, name: 'tier', kind: 'enum', label: { 'zh-CN': '等级', en: 'Tier' }, enumValues: [{ value: 'gold', label: { 'zh-CN': '金', en: 'Gold' } }] });
  expect(kindOf(doc.properties!.tier)).toBe('enum');
  expect(valid(doc)).toEqual([]);
  expect(formProblems({ ...base, name: 'WeChat ID', kind: 'lookup' }, contact(), null)).toEqual({ name: 'invalidName', labelZh: 'required', labelEn: 'required', lookup: 'required' });
  expect(formProblems({ ...base, name: 'email', label: { 'zh-CN': 'x', en: 'x' } }, contact(), null)).toEqual({ name: 'clash' });
  expect(formProblems({ ...base, name: 'createdAt', label: { 'zh-CN': 'x', en: 'x' } }, contact(), null)).toEqual({ name: 'reserved' });
});

test('a computed field and an attachment field (one file, then several) are valid documents, and read back into the dialog as they were written', () => {
  const label = { 'zh-CN': '全名', en: 'Full name' };
  const computed = { ...formOf(contact(), null), name: 'fullName', kind: 'computed' as const, computedKind: 'text' as const, expression: 'firstName + " " + lastName', required: true, label };
  const withComputed = withField(contact(), null, computed);
  // A computed field is never required: nobody writes it.
  expect(withComputed.properties!.fullName).toEqual({ type: 'string', 'x-crm-label': label, 'x-crm-computed': 'firstName + " " + lastName' });
  expect(withComputed.required).not.toContain('fullName');
  expect(valid(withComputed)).toEqual([]);
  expect(kindOf(withComputed.properties!.fullName)).toBe('computed');
  expect(formOf(withComputed, 'fullName')).toMatchObject({ kind: 'computed', computedKind: 'text', expression: 'firstName + " " + lastName' });
  expect(formProblems({ ...computed, expression: ' ' }, contact(), null)).toEqual({ expression: 'required' });

  const files = { ...formOf(contact(), null), name: 'files', kind: 'attachment' as const, label: { 'zh-CN': '文件', en: 'Files' } };
  const one = withField(contact(), null, files);
  expect(one.properties!.files).toEqual({ type: 'string', 'x-crm-type': 'attachment', 'x-crm-label': files.label });
  const several = withField(one, 'files', { ...formOf(one, 'files'), multiple: true });
  expect(several.properties!.files).toEqual({ type: 'array', 'x-crm-type': 'attachment', 'x-crm-label': files.label, items: { type: 'string', format: 'uuid' } });
  expect(valid(several)).toEqual([]);
  expect(formOf(several, 'files').multiple).toBe(true);
  expect(withField(several, 'files', { ...formOf(several, 'files'), multiple: false }).properties!.files).toEqual(one.properties!.files);
});
