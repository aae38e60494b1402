/**
 * The issue catalogue (metadata/issue-texts/): every code reads in both languages with the same
 * placeholders, and the checks report codes — a package with problems of many kinds gets a code on
 * every issue, its English message made from the code's template.
 */
import { ISSUE_TEXTS, issueMessage, validatePackage, type IssueCode } from '../../metadata/index.js';
import { peopleView, validPackage } from './fixtures.js';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every issue code has an English and a Chinese text with the same placeholders', () => {
  for (const [code, texts] of Object.entries(ISSUE_TEXTS)) {
    expect({ code, zh: placeholders(texts['zh-CN']) }).toEqual({ code, zh: placeholders(texts.en) });
    expect(texts['zh-CN']).not.toBe('');
  }
});

test('a message fills its params; lists read as lists in each language', () => {
  const text = { code: 'one-of' as IssueCode, params: { allowed: ['"a"', '"b"'] } };
  expect(issueMessage(text)).toBe('must be one of: "a", "b"');
  expect(issueMessage(text, 'zh-CN')).toBe('必须是以下之一："a"、"b"');
});

test('the checks code their issues: each issue of a broken package has a code, and its message is the code\'s English text', () => {
  const pkg = validPackage();
  pkg.views!.push({ ...peopleView(), 'x-crm-view': 'broken', entity: 'nowhere', surprise: true } as never);
  pkg.views!.push({ ...peopleView(), 'x-crm-view': 'broken2', columns: ['nonsense'], groupBy: 'tags', defaultFor: ['nobody'] } as never);
  const issues = validatePackage(pkg);
  expect(issues.length).toBeGreaterThanOrEqual(4);
  for (const issue of issues) {
    expect(issue.code).toBeDefined();
    expect(issue.message).toBe(issueMessage({ code: issue.code!, params: issue.params }));
    expect(issue.message).not.toMatch(/\{\w+\}/);
  }
  expect(issues.map((i) => i.code)).toEqual(expect.arrayContaining(['unknown-member', 'unknown-entity', 'unknown-entity-field', 'view-group-by-kind', 'unknown-role']));
});
