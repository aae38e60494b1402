/**
 * Computed fields (metadata/computed.ts, checks/computed.ts) and their SQL (runtime/publish/computed-sql.ts):
 * what an expression may say, where each problem is reported, and the SQL PostgreSQL computes.
 */
import { compileEntity, validatePackage, type FieldDocument, type MetadataPackage } from '../../metadata/index.js';
import { columnDefinition } from '../../runtime/publish/computed-sql.js';
import { label, validPackage } from './fixtures.js';

/** The issues of the fixture package with `score` added to company as a computed field of `kind`. */
function issuesOf(expression: string, field: Partial<FieldDocument> = { type: 'number' }, mutate?: (pkg: MetadataPackage) => void) {
  const pkg = validPackage();
  pkg.entities[0].properties.score = { ...field, 'x-crm-label': label('Score'), 'x-crm-computed': expression } as FieldDocument;
  mutate?.(pkg);
  return validatePackage(pkg).map((i) => `${i.path}: ${i.message}`);
}

const at = '/properties/score/x-crm-computed';

test.each([
  ['revenue * 2 / 100', { type: 'number' }],
  ['if revenue > 1000 then "large" else name', { type: 'string' }],
  ['revenue = null or kind != "small"', { type: 'boolean' }],
  ['decimal(abs(-revenue) ** 2, 0) + min(revenue, 5) - ceiling(floor(1.5))', { type: 'number', 'x-crm-type': 'money' }],
  ['upper case(name) + " / " + lower case(kind)', { type: 'string', maxLength: 200 }],
  ['string length(name)', { type: 'integer' }],
])('given %s, then it is valid', (expression, field) => {
  expect(issuesOf(expression, field as Partial<FieldDocument>)).toEqual([]);
});

test.each([
  ['revenue * share', `${at}: unknown field "share" (not a field of this entity)`],
  ['revenue *', `${at}: does not parse: FEEL syntax error at position 10`],
  ['name + 1', `${at}: "+" needs numbers (or two strings), not string and number`],
  ['score + 1', `${at}: "score" is this field itself`],
  ['parentCompany', `${at}: "parentCompany" is a field of kind "lookup", which an expression cannot read`],
  ['sum(revenue)', `${at}: unknown function "sum" (known: not, abs, floor, ceiling, decimal, min, max, string length, upper case, lower case)`],
  ['revenue in [1, 2]', `${at}: "revenue in [1, 2]" (at 1) is not supported in a computed field`],
  ['name', `${at}: gives a string, but the field holds a number`],
  ['decimal(revenue, kind)', `${at}: argument 2 of decimal() must be a number`],
])('given %s, then the issue is at the expression', (expression, issue) => {
  expect(issuesOf(expression)).toEqual([issue]);
});

test('a computed field of a kind that cannot be computed, a required one, one reading another computed field, and a form writing one are refused', () => {
  expect(issuesOf('name', { type: 'string', format: 'email' })).toEqual([`${at}: a field of kind "email" cannot be computed (computed fields are number, integer, money, percent, text, boolean, date)`]);
  expect(issuesOf('revenue', { type: 'number' }, (p) => p.entities[0].required!.push('score'))).toEqual(['/required: "score" is computed and cannot be required']);
  expect(
    issuesOf('revenue', { type: 'number' }, (p) => {
      p.entities[0].properties.double = { type: 'number', 'x-crm-label': label('Double'), 'x-crm-computed': 'score * 2' };
    }),
  ).toEqual(['/properties/double/x-crm-computed: "score" is itself computed; use its expression instead']);
  const withForm = issuesOf('revenue', { type: 'number' }, (p) => {
    p.forms = [{ 'x-crm-form': 'score-it', title: label('Score'), schema: { type: 'object', properties: { s: { type: 'number', 'x-crm-label': label('S') } } }, record: { entity: 'company', fields: { score: 's' } } }];
  });
  expect(withForm).toEqual(['/record/fields/score: company.score is computed and cannot be written']);
});

test('the SQL: FEEL null rules (division by zero, = null), string joins, and a cast to the column type', () => {
  const pkg = validPackage();
  pkg.entities[0].properties.score = { type: 'number', 'x-crm-type': 'money', 'x-crm-label': label('Score'), 'x-crm-computed': 'if kind = null then 0 else revenue / 3' };
  pkg.entities[0].properties.title = { type: 'string', 'x-crm-label': label('Title'), 'x-crm-computed': 'name + "\'s"' };
  const company = compileEntity(pkg.entities[0]);
  const def = (name: string) => {
    const f = company.fields.find((x) => x.name === name)!;
    return columnDefinition(company, f, f.sqlType);
  };
  expect(def('score')).toBe(
    'numeric(18,2) generated always as (((case when ("kind"::text is not distinct from null) then (0)::numeric else ("revenue"::numeric / nullif((3)::numeric, 0)) end))::numeric(18,2)) stored',
  );
  expect(def('title')).toBe(`text generated always as ((("name"::text || '''s'::text))::text) stored`);
  expect(def('name')).toBe('varchar(100)');
});
