/** State machines: on an enum field, which value may follow which (x-crm-state-machine), and the initial value. */
import { useState } from 'react';
import type { FieldDoc } from '../api/studioModel.js';
import { useStudioI18n as useI18n } from './messages.js';
import type { TabProps } from './EntityEditor.js';
import { kindOf } from './fieldModel.js';

type Machine = { initial?: string; transitions: Record<string, string[]> };

export function StateMachineTab({ doc, save }: TabProps) {
  const { t } = useI18n();
  const enums = Object.entries(doc.properties ?? {}).filter(([, f]) => kindOf(f) === 'enum');
  const [field, setField] = useState(enums.find(([, f]) => f['x-crm-state-machine'])?.[0] ?? enums[0]?.[0] ?? '');
  const f: FieldDoc | undefined = doc.properties?.[field];
  const values = (f?.enum as string[] | undefined) ?? [];
  const stored = f?.['x-crm-state-machine'] as Machine | undefined;
  const [machine, setMachine] = useState<Machine>(stored ?? { transitions: {} });
  if (!enums.length) return <p className="muted">{t('studioModel.sm.noEnum')}</p>;
  const choose = (name: string) => {
    setField(name);
    setMachine((doc.properties?.[name]?.['x-crm-state-machine'] as Machine | undefined) ?? { transitions: {} });
  };
  const toggle = (from: string, to: string, on: boolean) => {
    const list = machine.transitions[from] ?? [];
    const next = on ? [...list, to] : list.filter((x) => x !== to);
    setMachine({ ...machine, transitions: { ...machine.transitions, [from]: next } });
  };
  const write = (m: Machine | undefined) => {
    const props = { ...doc.properties };
    const { 'x-crm-state-machine': _old, ...rest } = props[field];
    props[field] = m ? { ...props[field], 'x-crm-state-machine': m } : rest;
    save({ ...doc, properties: props }).catch(() => undefined);
  };
  const cleaned = (): Machine => ({
    ...(machine.initial ? { initial: machine.initial } : {}),
    transitions: Object.fromEntries(values.filter((v) => (machine.transitions[v] ?? []).length).map((v) => [v, values.filter((x) => machine.transitions[v]!.includes(x))])),
  });
  return (
    <>
      <label>
        {t('studioModel.sm.field')}{' '}
        <select value={field} onChange={(e) => choose(e.target.value)}>
          {enums.map(([n]) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('studioModel.sm.initial')}{' '}
        <select value={machine.initial ?? ''} onChange={(e) => setMachine({ ...machine, initial: e.target.value || undefined })}>
          <option value="">—</option>
          {values.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </label>
      <div className="table-wrap">
        <table aria-label={t('studioModel.sm.transitions')}>
          <caption className="muted">{t('studioModel.sm.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('studioModel.sm.from')}</th>
              {values.map((v) => (
                <th key={v} scope="col" className="mono">
                  {v}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {values.map((from) => (
              <tr key={from}>
                <th scope="row" className="mono">
                  {from}
                </th>
                {values.map((to) => (
                  <td key={to}>
                    {from !== to && (
                      <input type="checkbox" aria-label={t('studioModel.sm.allow', { from, to })} checked={(machine.transitions[from] ?? []).includes(to)} onChange={(e) => toggle(from, to, e.target.checked)} />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={() => write(cleaned())}>
          {t('studioModel.sm.save')}
        </button>
        {stored && (
          <button type="button" className="btn" onClick={() => write(undefined)}>
            {t('studioModel.sm.remove')}
          </button>
        )}
      </div>
    </>
  );
}
