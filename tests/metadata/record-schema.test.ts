import { compileModel, createAjv, entityRecordSchema, type CompiledEntity } from '../../metadata/index.js';
import { validPackage } from './fixtures.js';

const ID = '7d1f3a2e-4b5c-4d6e-8f90-a1b2c3d4e5f6';

function validators(entity: CompiledEntity) {
  const ajv = createAjv();
  return { create: ajv.compile(entityRecordSchema(entity, 'create')), update: ajv.compile(entityRecordSchema(entity, 'update')) };
}

describe('entityRecordSchema', () => {
  const model = compileModel(validPackage());
  const person = validators(model.entities.person);
  const company = validators(model.entities.company);

  it('accepts a well-formed body and lets optional fields be null', () => {
    expect(person.create({ lastName: 'Li', company: ID, birthday: '1990-02-03', tags: ['vip'] })).toBe(true);
    expect(person.create({ lastName: 'Li', company: ID, birthday: null, tags: null })).toBe(true);
  });

  it('rejects unknown fields and system fields', () => {
    expect(person.create({ lastName: 'Li', company: ID, nickname: 'x' })).toBe(false);
    expect(person.create.errors).toEqual([expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'nickname' } })]);
    expect(person.update({ id: ID })).toBe(false);
  });

  it('rejects wrong types, bad formats and values outside the enum', () => {
    expect(person.create({ lastName: 5, company: 'not-a-uuid', birthday: '03/02/1990' })).toBe(false);
    expect(person.create.errors!.map((e) => e.instancePath).sort()).toEqual(['/birthday', '/company', '/lastName']);
    expect(company.create({ name: 'Acme', kind: 'medium' })).toBe(false);
    expect(company.create({ name: 'Acme', kind: 'large', revenue: '12' })).toBe(false);
  });

  it('requires required fields on create only, and never lets them be null', () => {
    expect(person.create({ lastName: 'Li' })).toBe(false);
    expect(person.create.errors).toEqual([expect.objectContaining({ keyword: 'required', params: { missingProperty: 'company' } })]);
    expect(person.update({ birthday: '1990-02-03' })).toBe(true);
    expect(person.update({ lastName: null })).toBe(false);
  });

  it('leaves out readonly and hidden fields and strips x-crm-* annotations', () => {
    const entity = structuredClone(model.entities.company);
    entity.fields.find((f) => f.name === 'revenue')!.readonly = true;
    entity.fields.find((f) => f.name === 'kind')!.hidden = true;
    const schema = entityRecordSchema(entity, 'create') as { properties: Record<string, object> };
    expect(Object.keys(schema.properties).sort()).toEqual(['name', 'parentCompany']);
    expect(JSON.stringify(schema)).not.toContain('x-crm-');
    expect(schema.properties.parentCompany).toEqual({ type: ['string', 'null'], format: 'uuid' });
  });

  it('bounds percent values to 0..100', () => {
    const pkg = validPackage();
    pkg.entities[0].properties.share = { type: 'number', 'x-crm-type': 'percent', 'x-crm-label': { 'zh-CN': '份额', en: 'Share' } };
    const v = validators(compileModel(pkg).entities.company);
    expect(v.update({ share: 55.5 })).toBe(true);
    expect(v.update({ share: 101 })).toBe(false);
  });
});
