/**
 * `POST /message`: Camunda's message correlation (CorrelationMessageDto). Answers 204, or with
 * `resultEnabled` the list of MessageCorrelationResult(WithVariables)Dto — what received the
 * message: a waiting execution, or a process definition whose message start event started an
 * instance.
 */
import { Router } from 'express';
import { invalidRequest } from '../../errors.js';
import { correlateMessage, inTransaction, visibleVariables, type CorrelationRequest, type CorrelationResult } from '../../shell/index.js';
import { processInstanceDto } from '../dto.js';
import { queryBody } from '../list-routes.js';
import { sendJson, sendNoContent } from '../send.js';
import { fromVariableDtos, toVariableDtos, type VariableValueDto } from '../variables.js';
import type { RestResource } from './resource.js';

const STRINGS = ['messageName', 'businessKey', 'processInstanceId', 'tenantId'] as const;
const BOOLEANS = ['all', 'resultEnabled', 'variablesInResultEnabled', 'withoutTenantId'] as const;
const VARIABLES = ['correlationKeys', 'localCorrelationKeys', 'processVariables', 'processVariablesLocal'] as const;

interface MessageBody {
  request: CorrelationRequest;
  resultEnabled: boolean;
  variablesInResultEnabled: boolean;
}

function parse(body: Record<string, unknown>): MessageBody {
  const wrong = (name: string) => invalidRequest(`Cannot set '${name}' to value '${JSON.stringify(body[name])}'`);
  for (const name of STRINGS) if (body[name] != null && typeof body[name] !== 'string') throw wrong(name);
  for (const name of BOOLEANS) if (body[name] != null && typeof body[name] !== 'boolean') throw wrong(name);
  for (const name of VARIABLES) if (body[name] != null && (typeof body[name] !== 'object' || Array.isArray(body[name]))) throw wrong(name);
  const flag = (name: (typeof BOOLEANS)[number]) => body[name] === true;
  const text = (name: (typeof STRINGS)[number]) => (body[name] ?? null) as string | null;
  const vars = (name: (typeof VARIABLES)[number]) => (body[name] == null ? undefined : fromVariableDtos(body[name] as Record<string, VariableValueDto>));
  const messageName = text('messageName');
  if (messageName === null) throw invalidRequest('No message name supplied');
  if (text('tenantId') !== null && flag('withoutTenantId')) throw invalidRequest("Parameter 'tenantId' cannot be used together with parameter 'withoutTenantId'.");
  if (!flag('resultEnabled') && flag('variablesInResultEnabled')) {
    throw invalidRequest("Parameter 'variablesInResultEnabled' cannot be used without 'resultEnabled' set to true.");
  }
  return {
    request: {
      messageName,
      businessKey: text('businessKey'),
      processInstanceId: text('processInstanceId'),
      tenantId: text('tenantId'),
      withoutTenantId: flag('withoutTenantId'),
      all: flag('all'),
      correlationKeys: vars('correlationKeys'),
      localCorrelationKeys: vars('localCorrelationKeys'),
      processVariables: vars('processVariables'),
      processVariablesLocal: vars('processVariablesLocal'),
    },
    resultEnabled: flag('resultEnabled'),
    variablesInResultEnabled: flag('variablesInResultEnabled'),
  };
}

/** MessageCorrelationResultDto, plus `variables` (those visible where the message arrived) when asked for. */
function resultDto(r: CorrelationResult, withVariables: boolean) {
  const ended = r.state.status !== 'active';
  const dto =
    r.resultType === 'Execution'
      ? { resultType: r.resultType, execution: { id: r.executionId, processInstanceId: r.processInstanceId, ended, tenantId: r.tenantId }, processInstance: null }
      : {
          resultType: r.resultType,
          execution: null,
          processInstance: processInstanceDto({
            id: r.state.id,
            definitionId: r.definition.id,
            definitionKey: r.definition.key,
            businessKey: r.state.businessKey,
            ended,
            suspended: false,
            tenantId: r.definition.tenantId,
          }),
        };
  if (!withVariables) return dto;
  const executionId = r.resultType === 'Execution' ? r.executionId : null;
  return { ...dto, variables: toVariableDtos(visibleVariables(r.state, executionId === r.state.id ? null : executionId)) };
}

export const messageResource: RestResource = {
  path: '/message',
  routes({ db, shell }) {
    const r = Router();
    r.post('/', async (req, res) => {
      const { request, resultEnabled, variablesInResultEnabled } = parse(queryBody(req));
      const results = await inTransaction(db, (tx) => correlateMessage(tx, shell, request));
      if (!resultEnabled) return sendNoContent(res);
      sendJson(res, 200, results.map((result) => resultDto(result, variablesInResultEnabled)));
    });
    return r;
  },
};
