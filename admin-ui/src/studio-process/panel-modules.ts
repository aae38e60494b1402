/**
 * The properties panel's modules (bpmn-js-properties-panel with the Camunda 7 provider, its preact
 * UI and FEEL editor, our formKey provider): a chunk of their own, loaded with the modeler, so no
 * chunk exceeds the budget (admin-ui/budget.json).
 */
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import { crmFormPropertiesModule } from './crmFormProvider.js';

export const panelModules: unknown[] = [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule, crmFormPropertiesModule];
