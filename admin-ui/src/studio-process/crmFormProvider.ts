/**
 * "Form (CRM)": a user task's formKey chosen from the registered forms (forms/, `crm:<id>`), in
 * place of the Camunda panel's free-text Form group, so a task cannot name a form that does not
 * exist (the server checks it again). A properties provider for bpmn-js-properties-panel, run
 * after the Camunda one (lower priority) so it can replace that group. Preact, as the panel is.
 */
import { isSelectEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';
import { jsx } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil.js';

/** What the modeler is given (`crmForms` in its config): the forms and our texts in the user's language. */
export interface CrmFormsConfig {
  forms: { formKey: string; title: string }[];
  texts: { group: string; label: string; none: string; unknown: string; description: string };
}

interface Element {
  id: string;
  businessObject: { get(name: string): unknown };
}
interface Group {
  id: string;
  label: string;
  entries: unknown[];
}

function CrmFormKeyEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const modeling = useService('modeling') as { updateProperties(element: Element, props: Record<string, unknown>): void };
  const { forms, texts } = useService('config.crmForms') as CrmFormsConfig;
  const current = (getBusinessObject(element).get('camunda:formKey') as string | undefined) ?? '';
  const options = [
    { value: '', label: texts.none },
    ...forms.map((f) => ({ value: f.formKey, label: `${f.title} (${f.formKey})` })),
    ...(current && !forms.some((f) => f.formKey === current) ? [{ value: current, label: `${texts.unknown}: ${current}` }] : []),
  ];
  return jsx(SelectEntry, {
    element,
    id,
    label: texts.label,
    description: texts.description,
    getValue: () => current,
    setValue: (value: string) => modeling.updateProperties(element, { 'camunda:formKey': value || undefined }),
    getOptions: () => options,
  });
}

class CrmFormPropertiesProvider {
  static $inject = ['propertiesPanel', 'config.crmForms'];
  private readonly texts: CrmFormsConfig['texts'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }, config: CrmFormsConfig) {
    this.texts = config.texts;
    propertiesPanel.registerProvider(100, this);
  }

  getGroups(element: Element) {
    return (groups: Group[]) => {
      if (!is(element, 'bpmn:UserTask')) return groups;
      const ours: Group = { id: 'CrmForm', label: this.texts.group, entries: [{ id: 'crmFormKey', element, component: CrmFormKeyEntry, isEdited: isSelectEntryEdited }] };
      const at = groups.findIndex((g) => g.id === 'CamundaPlatform__Form');
      if (at >= 0) groups.splice(at, 1, ours);
      else groups.push(ours);
      return groups;
    };
  }
}

export const crmFormPropertiesModule = {
  __init__: ['crmFormPropertiesProvider'],
  crmFormPropertiesProvider: ['type', CrmFormPropertiesProvider],
};
