import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { checkMetadataDir, compileModel } from '../../metadata/index.js';
import { generateTypes } from '../../metadata/codegen-lib.js';

describe('generateTypes', () => {
  let text: string;
  beforeAll(async () => {
    text = await generateTypes(compileModel(checkMetadataDir().pkg));
  });

  it('writes one interface per entity with system fields, enum unions and lookup ids', () => {
    expect(text).toMatch(/export interface Account \{/);
    expect(text).toMatch(/export interface Opportunity \{/);
    expect(text).toMatch(/state\?: "target" \| "potential" \| "formal" \| "sealed";/);
    expect(text).toMatch(/export interface Account \{[^}]*\bid: string;[^}]*\bversion: number;[^}]*\bownerId: string \| null;/s);
    expect(text).toMatch(/export interface Opportunity \{[^}]*\n {2}account: string;/s);
    expect(text).toMatch(/export interface Opportunity \{[^}]*\n {2}amount\?: number;/s);
    expect(text).toContain('export type EntityName = keyof EntityRecords;');
  });

  it('type-checks, and the types refuse a wrong enum value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-codegen-'));
    writeFileSync(join(dir, 'entities.d.ts'), text);
    const use = (state: string) =>
      `import type { Account, EntityRecords } from './entities.js';\n` +
      `const a: Account = { id: 'x', version: 1, ownerId: null, createdAt: '', createdBy: null, updatedAt: '', updatedBy: null, deletedAt: null, deletedBy: null, name: 'Acme', state: ${JSON.stringify(state)} };\n` +
      `const r: EntityRecords['account'] = a;\nexport { r };\n`;
    writeFileSync(join(dir, 'good.ts'), use('formal'));
    writeFileSync(join(dir, 'bad.ts'), use('married'));
    const program = ts.createProgram([join(dir, 'good.ts'), join(dir, 'bad.ts')], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      lib: ['lib.es5.d.ts'],
      types: [],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
    });
    const errorsIn = (file: string) =>
      ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file?.fileName.endsWith(file))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errorsIn('entities.d.ts')).toEqual([]);
    expect(errorsIn('good.ts')).toEqual([]);
    expect(errorsIn('bad.ts').join('\n')).toMatch(/"married"/);
  });
});
