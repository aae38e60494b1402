/** Small metadata packages for the metadata tests: one valid package to copy and break. */
import type { EntityDocument, MetadataIssue, MetadataPackage, ViewDocument } from '../../metadata/index.js';

export const label = (en: string) => ({ 'zh-CN': `中文${en}`, en });

export function companyEntity(): EntityDocument {
  return {
    $id: 'crm:entity/company',
    type: 'object',
    'x-crm-entity': 'company',
    'x-crm-label': label('Company'),
    'x-crm-indexes': [{ fields: ['kind'] }],
    'x-crm-duplicate-rules': [{ name: 'sameName', fields: [{ field: 'name', normalise: 'name' }] }],
    required: ['name'],
    properties: {
      name: { type: 'string', maxLength: 100, 'x-crm-label': label('Name') },
      kind: {
        type: 'string',
        enum: ['small', 'large'],
        'x-crm-label': label('Kind'),
        'x-crm-enum-labels': { small: label('Small'), large: label('Large') },
        'x-crm-state-machine': { initial: 'small', transitions: { small: ['large'], large: [] } },
      },
      revenue: { type: 'number', 'x-crm-type': 'money', 'x-crm-label': label('Revenue') },
      parentCompany: { type: 'string', 'x-crm-label': label('Parent'), 'x-crm-lookup': { entity: 'company' } },
    },
    additionalProperties: false,
  };
}

export function personEntity(): EntityDocument {
  return {
    type: 'object',
    'x-crm-entity': 'person',
    'x-crm-label': label('Person'),
    required: ['lastName', 'company'],
    properties: {
      lastName: { type: 'string', 'x-crm-label': label('Last name') },
      company: { type: 'string', 'x-crm-label': label('Company'), 'x-crm-lookup': { entity: 'company' } },
      birthday: { type: 'string', format: 'date', 'x-crm-label': label('Birthday') },
      tags: { type: 'array', items: { type: 'string' }, 'x-crm-label': label('Tags') },
    },
  };
}

export function peopleView(): ViewDocument {
  return {
    'x-crm-view': 'people',
    entity: 'person',
    label: label('People'),
    columns: ['lastName', 'company.name', 'company.parentCompany.name', 'createdAt'],
    sort: [{ field: 'lastName', direction: 'asc' }],
  };
}

export function validPackage(): MetadataPackage {
  return {
    entities: [companyEntity(), personEntity()],
    views: [peopleView(), { 'x-crm-view': 'companies-by-kind', entity: 'company', label: label('By kind'), columns: ['name'], kanban: { groupBy: 'kind' } }],
    triggers: [{ 'x-crm-trigger': 'person-created', entity: 'person', on: ['create'], action: { type: 'start-process', processKey: 'welcome', variables: { companyName: 'company.name' } } }],
  };
}

/** Issues as file, path and message, for tests of what an issue says (their codes: tests/metadata/issue-texts.test.ts). */
export const plainIssues = (issues: readonly MetadataIssue[]): Pick<MetadataIssue, 'file' | 'path' | 'message'>[] => issues.map(({ file, path, message }) => ({ file, path, message }));
