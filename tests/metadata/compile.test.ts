import { compileModel, constraintName } from '../../metadata/index.js';
import { validPackage } from './fixtures.js';

describe('compileModel', () => {
  it('derives tables, columns, defaults and constraint names', () => {
    const model = compileModel(validPackage());
    const company = model.entities.company;
    expect(company).toMatchObject({ table: 'company', displayField: 'name', owner: true, pluralLabel: company.label });
    expect(company.fields.map((f) => f.column)).toEqual(['name', 'kind', 'revenue', 'parent_company_id']);
    expect(company.indexes).toEqual([
      { name: 'ix_company_kind', columns: ['kind'] },
      { name: 'ix_company_parent_company_id', columns: ['parent_company_id'] },
    ]);
    expect(model.entities.person.displayField).toBe('lastName');
  });

  it('falls back to id as display field and does not index a lookup twice', () => {
    const pkg = validPackage();
    pkg.entities[1].properties = { company: pkg.entities[1].properties.company };
    pkg.entities[1].required = ['company'];
    pkg.entities[1]['x-crm-unique'] = [{ fields: ['company', 'createdAt'], name: 'uq_one_company_per_day' }];
    const person = compileModel(pkg).entities.person;
    expect(person.displayField).toBe('id');
    expect(person.uniques).toEqual([{ name: 'uq_one_company_per_day', columns: ['company_id', 'created_at'] }]);
    expect(person.indexes).toEqual([]);
  });

  it('truncates long constraint names to 63 characters, deterministically and distinctly', () => {
    const cols = ['a_very_long_column_name_number_one', 'another_very_long_column_name'];
    const a = constraintName('ix', 'opportunity_line_item', cols);
    const b = constraintName('ix', 'opportunity_line_item', [...cols].reverse());
    expect(a).toHaveLength(63);
    expect(a).toBe(constraintName('ix', 'opportunity_line_item', cols));
    expect(a).not.toBe(b);
    expect(a.startsWith('ix_opportunity_line_item_a_very_long')).toBe(true);
  });
});
