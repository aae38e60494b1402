import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_METADATA_DIR, checkMetadataDir, compileModel, loadModel } from '../../metadata/index.js';

describe('the shipped CRM model', () => {
  const { pkg, issues } = checkMetadataDir();
  const model = compileModel(pkg);

  it('is the metadata/ folder and validates with no issue', () => {
    expect(existsSync(join(DEFAULT_METADATA_DIR, 'types.ts'))).toBe(true);
    expect(issues).toEqual([]);
    expect(Object.keys(model.entities)).toEqual(expect.arrayContaining(['account', 'activity', 'contact', 'lead', 'opportunity', 'product', 'quote', 'quoteLine', 'serviceRequest', 'dispatchOrder', 'knowledgeArticle', 'expenseClaim', 'expenseLine', 'budget', 'contract', 'contractVersion', 'salesOrder', 'paymentPlan']));
    expect(pkg.views.map((v) => v['x-crm-view'])).toEqual(
      expect.arrayContaining(['account-all', 'account-by-state', 'opportunity-pipeline', 'lead-open', 'contact-all', 'activity-mine']),
    );
    expect(loadModel().entities.account.table).toBe('account');
  });

  it('compiles lookups to uuid columns ending in _id, with an index', () => {
    const opp = model.entities.opportunity;
    expect(opp.fields.find((f) => f.name === 'account')).toMatchObject({
      column: 'account_id',
      kind: 'lookup',
      sqlType: 'uuid',
      required: true,
      lookup: { entity: 'account', onDelete: 'restrict' },
    });
    expect(opp.indexes).toContainEqual({ name: 'ix_opportunity_account_id', columns: ['account_id'] });
    expect(model.entities.account.fields.find((f) => f.name === 'parentAccount')).toMatchObject({ column: 'parent_account_id', lookup: { entity: 'account' } });
  });

  it('compiles field kinds, SQL types and defaults', () => {
    const account = model.entities.account;
    const byName = (n: string) => account.fields.find((f) => f.name === n)!;
    expect(byName('annualRevenue')).toMatchObject({ column: 'annual_revenue', kind: 'money', sqlType: 'numeric(18,2)' });
    expect(byName('taxId')).toMatchObject({ column: 'tax_id', kind: 'text', sqlType: 'varchar(50)' });
    expect(byName('phone')).toMatchObject({ kind: 'phone', sqlType: 'varchar(50)' });
    expect(byName('state')).toMatchObject({
      kind: 'enum',
      sqlType: 'varchar(64)',
      enumValues: ['target', 'potential', 'formal', 'sealed'],
      stateMachine: { initial: 'target', transitions: { formal: ['sealed'], sealed: ['target'] } },
    });
    expect(byName('state').enumLabels!.sealed).toEqual({ 'zh-CN': '封存客户', en: 'Sealed' });
    expect(byName('industry').enumLabels!.finance['zh-CN']).toBe('金融保险');
    // The opportunity's stages carry their win probability (the forecast weighs amounts by it).
    expect(model.entities.opportunity.fields.find((f) => f.name === 'stage')!.enumProbabilities).toEqual({ intent: 10, negotiation: 40, purchase: 70, signed: 100, lost: 0 });
    expect(account).toMatchObject({ table: 'account', displayField: 'name', owner: true, pluralLabel: { en: 'Accounts' } });
    expect(account.indexes.map((i) => i.name)).toEqual(['ix_account_industry_region', 'ix_account_state', 'ix_account_parent_account_id']);
    expect(account.duplicateRules.map((r) => r.fields[0].normalise)).toEqual(['name', 'phone', 'taxId']);
    expect(model.entities.opportunity.fields.find((f) => f.name === 'probability')).toMatchObject({ kind: 'percent', sqlType: 'numeric(5,2)' });
    expect(model.entities.activity.fields.find((f) => f.name === 'notes')).toMatchObject({ kind: 'text', sqlType: 'text' });
    expect(model.entities.activity.fields.find((f) => f.name === 'dueAt')).toMatchObject({ column: 'due_at', sqlType: 'timestamptz' });
    expect(model.entities.product.uniques).toEqual([{ name: 'uq_product_code', columns: ['code'] }]);
    expect(model.entities.product.owner).toBe(false);
  });

  it('starts lead-qualification on every new lead, with its groups, durations and completeness rules as constants', () => {
    const t = model.triggers.find((x) => x['x-crm-trigger'] === 'lead-created')!;
    expect(t).toMatchObject({ entity: 'lead', on: ['create'], action: { type: 'start-process', processKey: 'lead-qualification' } });
    expect(t.enabled).not.toBe(false);
    expect(t.condition).toEqual({ field: 'status', op: 'eq', value: 'new' });
    expect(t.action.variables).toMatchObject({
      leadId: 'id',
      intakeGroup: { value: 'role:sales-manager' },
      completeReminder: { value: 'P2D' },
      resourceProtection: { value: expect.stringMatching(/^P/) },
      assignStrategy: { value: 'round-robin' },
      required_default: { value: expect.any(String) },
    });
  });

  it('starts quote-routing on a new draft quote, with its settings as constants', () => {
    const t = model.triggers.find((x) => x['x-crm-trigger'] === 'quote-created');
    expect(t).toMatchObject({ entity: 'quote', on: ['create'], action: { type: 'start-process', processKey: 'quote-routing' } });
    expect(t!.action.variables).toMatchObject({ quoteId: 'id', requesterId: 'ownerId', largeAmountThreshold: { value: expect.any(Number) }, supervisorGroup: { value: 'role:commercial-supervisor' } });
  });

  it('starts contract-review when a draft contract is submitted, with its settings as constants', () => {
    const t = model.triggers.find((x) => x['x-crm-trigger'] === 'contract-submitted')!;
    expect(t).toMatchObject({ entity: 'contract', on: ['create', 'update'], action: { type: 'start-process', processKey: 'contract-review' } });
    expect(t.enabled).not.toBe(false);
    expect(t.action.variables).toMatchObject({ contractId: 'id', drafterId: 'ownerId', reviewSla: { value: 'P2D' }, financeGroup: { value: 'role:finance' }, legalGroup: { value: 'role:legal' } });
  });

  it('starts expense-approval when a claim is submitted, with its thresholds and group as constants', () => {
    const t = model.triggers.find((x) => x['x-crm-trigger'] === 'expense-submitted');
    expect(t).toMatchObject({ entity: 'expenseClaim', on: ['create', 'update'], condition: { field: 'state', op: 'eq', value: 'submitted' } });
    expect(t?.action).toMatchObject({
      processKey: 'expense-approval',
      variables: { claimId: 'id', claimant: 'ownerId', oneLevelMaxAmount: { value: 5000 }, twoLevelsMaxAmount: { value: 50000 }, financeGroup: { value: 'role:finance' } },
    });
  });
});
