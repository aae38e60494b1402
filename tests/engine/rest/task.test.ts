/**
 * /engine-rest/task queries and reads over real HTTP and PostgreSQL: every filter family, sorting
 * and paging, GET/POST parity, the TaskDto, form and errors; candidate-group queries on the index.
 */
import { listTasks } from '../../../engine/persistence/index.js';
import { sendJsonTo, startEngineRest, type EngineRestServer } from '../support.js';
import { deployTaskModels, startWithTask } from './task-models.js';

let api: EngineRestServer;
/** business key → task id, for the instances of the filter scenario (prefix `f-`). */
const taskOf: Record<string, string> = {};

beforeAll(async () => {
  api = await startEngineRest('task');
  await deployTaskModels(api);
  // Given: f-1 waits in Review unassigned, f-2 in Review claimed by bob, f-3 in Approve (assigned to anna).
  for (const key of ['f-1', 'f-2', 'f-3']) taskOf[key] = (await startWithTask(api, 'review', { businessKey: key })).task.id;
  expect((await sendJsonTo(api, 'POST', `/task/${taskOf['f-2']}/claim`, { userId: 'bob' })).status).toBe(204);
  expect((await sendJsonTo(api, 'POST', `/task/${taskOf['f-3']}/complete`, {})).status).toBe(204);
  taskOf['f-3'] = (await api.get('/task?processInstanceBusinessKey=f-3')).body[0].id;
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const keyOf = (taskId: string) => Object.keys(taskOf).find((k) => taskOf[k] === taskId) ?? taskId;

/** GET /task with `query` among the scenario's instances: the business keys found, sorted. */
async function found(query: string): Promise<string[]> {
  const res = await api.get(`/task?processInstanceBusinessKeyLike=f-%25&${query}`);
  expect(res.status).toBe(200);
  const count = await api.get(`/task/count?processInstanceBusinessKeyLike=f-%25&${query}`);
  expect(count.body).toEqual({ count: res.body.length });
  return res.body.map((t: any) => keyOf(t.id)).sort();
}

test('GET /task/{id} answers the TaskDto field for field; an unknown id is a 404', async () => {
  const res = await api.get(`/task/${taskOf['f-1']}`);
  expect(res.status).toBe(200);
  expect(res.contentType).toBe('application/json');
  expect(Object.keys(res.body)).toEqual([
    'id', 'name', 'assignee', 'created', 'due', 'followUp', 'lastUpdated', 'delegationState', 'description', 'executionId', 'owner', 'parentTaskId',
    'priority', 'processDefinitionId', 'processInstanceId', 'taskDefinitionKey', 'caseExecutionId', 'caseInstanceId', 'caseDefinitionId', 'suspended',
    'formKey', 'camundaFormRef', 'tenantId', 'taskState',
  ]);
  expect(res.body).toMatchObject({
    id: taskOf['f-1'],
    name: 'Review order',
    assignee: null,
    due: '2030-01-01T10:00:00.000+0000',
    followUp: null,
    lastUpdated: null,
    delegationState: null,
    priority: 70,
    taskDefinitionKey: 'Review',
    suspended: false,
    formKey: 'embedded:app:forms/review.html',
    camundaFormRef: null,
    tenantId: null,
    taskState: 'Created',
  });
  expect(res.body.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  expect(res.body.processDefinitionId).toMatch(/^review:1:/);

  const missing = await api.get('/task/nope');
  expect(missing.status).toBe(404);
  expect(missing.body).toEqual({ type: 'InvalidRequestException', message: 'No matching task with id nope', code: null });
});

test('candidate filters see unassigned tasks only, unless includeAssignedTasks', async () => {
  expect(await found('candidateGroup=sales')).toEqual(['f-1']);
  expect(await found('candidateGroup=sales&includeAssignedTasks=true')).toEqual(['f-1', 'f-2']);
  expect(await found('candidateGroups=support,managers')).toEqual(['f-1']);
  expect(await found('candidateGroups=support')).toEqual([]);
  expect(await found('candidateGroupLike=man%25')).toEqual(['f-1']);
  expect(await found('candidateUser=carl')).toEqual(['f-1']);
  expect(await found('candidateUser=carl&includeAssignedTasks=true')).toEqual(['f-1', 'f-2']);
  expect(await found('involvedUser=carl')).toEqual(['f-1', 'f-2']);
  expect(await found('involvedUser=anna')).toEqual(['f-3']);
  expect(await found('withCandidateGroups=true')).toEqual(['f-1', 'f-2']);
  expect(await found('withoutCandidateGroups=true')).toEqual(['f-3']);
  expect(await found('withCandidateUsers=true')).toEqual(['f-1', 'f-2']);
  expect(await found('withoutCandidateUsers=true')).toEqual(['f-3']);
});

test('assignment, identity and definition filters', async () => {
  expect(await found('assignee=bob')).toEqual(['f-2']);
  expect(await found('assigneeIn=bob,anna')).toEqual(['f-2', 'f-3']);
  expect(await found('assigneeLike=an%25')).toEqual(['f-3']);
  expect(await found('unassigned=true')).toEqual(['f-1']);
  expect(await found('assigned=true')).toEqual(['f-2', 'f-3']);
  expect(await found('owner=bob')).toEqual([]);
  expect(await found('taskDefinitionKey=Approve')).toEqual(['f-3']);
  expect(await found('taskDefinitionKeyIn=Review,Other')).toEqual(['f-1', 'f-2']);
  expect(await found('taskDefinitionKeyLike=Rev%25')).toEqual(['f-1', 'f-2']);
  expect(await found('name=Approve')).toEqual(['f-3']);
  expect(await found('nameLike=%25order')).toEqual(['f-1', 'f-2']);
  expect(await found('nameNotEqual=Approve')).toEqual(['f-1', 'f-2']);
  expect(await found('processInstanceBusinessKey=f-2')).toEqual(['f-2']);
  expect(await found('processInstanceBusinessKeyIn=f-1,f-3')).toEqual(['f-1', 'f-3']);
  expect(await found('processDefinitionKey=review')).toEqual(['f-1', 'f-2', 'f-3']);
  expect(await found('processDefinitionKeyIn=nested')).toEqual([]);
  expect(await found('processDefinitionName=review')).toEqual([]);
  expect(await found(`taskId=${taskOf['f-2']}`)).toEqual(['f-2']);
  expect(await found(`taskIdIn=${taskOf['f-1']},${taskOf['f-3']}`)).toEqual(['f-1', 'f-3']);
  expect(await found('active=true')).toEqual(['f-1', 'f-2', 'f-3']);
  expect(await found('suspended=true')).toEqual([]);
  expect(await found('withoutTenantId=true')).toEqual(['f-1', 'f-2', 'f-3']);
  expect(await found('parentTaskId=x')).toEqual([]);

  const task = (await api.get(`/task/${taskOf['f-1']}`)).body;
  expect(await found(`processInstanceId=${task.processInstanceId}`)).toEqual(['f-1']);
  expect(await found(`processInstanceIdIn=${task.processInstanceId},other`)).toEqual(['f-1']);
  expect(await found(`executionId=${task.executionId}`)).toEqual(['f-1']);
  const [act] = await api.db.query<{ activity_instance_id: string }>('select activity_instance_id from engine.task where id = $1', [task.id]);
  expect(await found(`activityInstanceIdIn=${act.activity_instance_id}`)).toEqual(['f-1']);
});

test('priority and date filters', async () => {
  expect(await found('priority=70')).toEqual(['f-1', 'f-2']);
  expect(await found('minPriority=50')).toEqual(['f-1', 'f-2']);
  expect(await found('maxPriority=10')).toEqual(['f-3']);
  expect(await found('dueDate=2030-01-01T10:00:00.000%2B0000')).toEqual(['f-1', 'f-2']);
  expect(await found('dueDate=2030-01-01T12:00:00.000%2B0200')).toEqual(['f-1', 'f-2']);
  expect(await found('dueBefore=2031-01-01T00:00:00.000%2B0000')).toEqual(['f-1', 'f-2']);
  expect(await found('dueAfter=2030-01-01T10:00:00.000%2B0000')).toEqual([]);
  expect(await found('withoutDueDate=true')).toEqual(['f-3']);
  expect(await found('followUpDate=2030-02-01T00:00:00.000%2B0000')).toEqual(['f-3']);
  expect(await found('followUpBefore=2030-03-01T00:00:00.000%2B0000')).toEqual(['f-3']);
  expect(await found('followUpAfter=2030-01-15T00:00:00.000%2B0000')).toEqual(['f-3']);
  expect(await found('followUpBeforeOrNotExistent=2020-01-01T00:00:00.000%2B0000')).toEqual(['f-1', 'f-2']);
  expect(await found('createdBefore=2100-01-01T00:00:00.000%2B0000')).toEqual(['f-1', 'f-2', 'f-3']);
  expect(await found('createdAfter=2100-01-01T00:00:00.000%2B0000')).toEqual([]);
  expect(await found('updatedAfter=2000-01-01T00:00:00.000%2B0000')).toEqual(['f-2']); // only f-2 was changed (claimed)
});

test('sorting and paging, GET and POST alike', async () => {
  const order = async (query: string) => (await api.get(`/task?processInstanceBusinessKeyLike=f-%25&${query}`)).body.map((t: any) => keyOf(t.id));
  const byPriority = await order('sortBy=priority&sortOrder=asc');
  expect(byPriority[0]).toBe('f-3');
  const byName = await order('sortBy=name&sortOrder=desc');
  expect([byName[0], byName[1]].sort()).toEqual(['f-1', 'f-2']); // 'Review order' before 'Approve'
  expect(byName[2]).toBe('f-3');
  const all = await order('sortBy=id&sortOrder=asc');
  expect(all).toEqual([...all].sort((a, b) => (taskOf[a] < taskOf[b] ? -1 : 1)));
  expect(await order('sortBy=id&sortOrder=asc&firstResult=1&maxResults=1')).toEqual([all[1]]);
  expect(await order('sortBy=assignee&sortOrder=asc')).toEqual(['f-3', 'f-2', 'f-1']); // anna, bob, then unassigned (nulls last)

  // POST: `sorting` with several keys, paging in the query string.
  const posted = await sendJsonTo(api, 'POST', '/task?firstResult=0&maxResults=2', {
    processInstanceBusinessKeyLike: 'f-%',
    sorting: [
      { sortBy: 'priority', sortOrder: 'desc' },
      { sortBy: 'assignee', sortOrder: 'desc' },
    ],
  });
  expect(posted.status).toBe(200);
  expect(posted.body.map((t: any) => keyOf(t.id))).toEqual(['f-1', 'f-2']); // priority 70 first; nulls first when descending

  const badSort = await api.get('/task?sortBy=nope&sortOrder=asc');
  expect(badSort.status).toBe(400);
  expect(badSort.body.message).toBe("Cannot set query parameter 'sortBy' to value 'nope'");
  const badPostSort = await sendJsonTo(api, 'POST', '/task', { sorting: [{ sortBy: 'nope', sortOrder: 'asc' }] });
  expect(badPostSort.status).toBe(400);
  expect(badPostSort.body).toEqual({ type: 'InvalidRequestException', message: 'sortBy parameter has invalid value: nope', code: null });
});

test('POST /task and /task/count answer what GET answers for the same filters', async () => {
  const cases: [string, Record<string, unknown>][] = [
    ['candidateGroups=sales&includeAssignedTasks=true', { candidateGroups: ['sales'], includeAssignedTasks: true }],
    ['assigneeIn=bob,anna&minPriority=5', { assigneeIn: ['bob', 'anna'], minPriority: 5 }],
    ['dueBefore=2031-01-01T00:00:00.000%2B0000&nameLike=%25order', { dueBefore: '2031-01-01T00:00:00.000+0000', nameLike: '%order' }],
    ['delegationState=pending', { delegationState: 'PENDING' }],
    ['withoutDueDate=true&assigned=true', { withoutDueDate: true, assigned: true }],
  ];
  for (const [query, body] of cases) {
    const viaGet = await api.get(`/task?processInstanceBusinessKeyLike=f-%25&${query}`);
    const viaPost = await sendJsonTo(api, 'POST', '/task', { processInstanceBusinessKeyLike: 'f-%', ...body });
    expect(viaPost.status).toBe(200);
    expect(viaPost.body).toEqual(viaGet.body);
    const count = await sendJsonTo(api, 'POST', '/task/count', { processInstanceBusinessKeyLike: 'f-%', ...body });
    expect(count.body).toEqual({ count: viaGet.body.length });
  }
});

test('bad query input is refused with Camunda messages', async () => {
  const cases: [string, string][] = [
    ['priority=high', "Cannot set query parameter 'priority' to value 'high'"],
    ['dueBefore=tomorrow', "Cannot set query parameter 'dueBefore' to value 'tomorrow'"],
    ['unassigned=yes', "Cannot set query parameter 'unassigned' to value 'yes'"],
    ['delegationState=DONE', "Valid values for property 'delegationState' are 'PENDING' or 'RESOLVED', but was 'DONE'"],
    ['sortBy=name', 'Only a single sorting parameter specified. sortBy and sortOrder required'],
    ['processVariables=amount_gt_5', "The task query parameter 'processVariables' is not supported by this engine."],
  ];
  for (const [query, message] of cases) {
    const res = await api.get(`/task?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ type: 'InvalidRequestException', message, code: null });
  }
  const wrongShape = await sendJsonTo(api, 'POST', '/task', { candidateGroups: 'sales' });
  expect(wrongShape.status).toBe(400);
  expect(wrongShape.body.message).toBe('Cannot set query parameter \'candidateGroups\' to value \'"sales"\'');
  const malformed = await api.request('POST', '/task', { body: '{"assignee":', headers: { 'Content-Type': 'application/json' } });
  expect(malformed.status).toBe(400);
  expect(malformed.body.type).toBe('JsonParseException');
});

test('GET /task/{id}/form answers the form key; an unknown task is refused as Camunda refuses it', async () => {
  const res = await api.get(`/task/${taskOf['f-1']}/form`);
  expect(res.body).toEqual({ key: 'embedded:app:forms/review.html', camundaFormRef: null, contextPath: null });
  expect((await api.get(`/task/${taskOf['f-3']}/form`)).body).toEqual({ key: null, camundaFormRef: null, contextPath: null });
  const missing = await api.get('/task/nope/form');
  expect(missing.status).toBe(400);
  expect(missing.body).toEqual({ type: 'RestException', message: 'Cannot get form for task nope', code: 0 });
});

test('candidate queries are answered from the GIN indexes on a realistic table', async () => {
  // Given 20,000 tasks over 2,000 groups and users, most of them assigned (inserted, analysed, then rolled back).
  const [{ id: definitionId }] = await api.db.query<{ id: string }>("select id from engine.process_definition where key = 'review'");
  const rollback = new Error('rollback');
  const plans: string[] = [];
  await api.db
    .tx(async (q) => {
      await q.query(
        `insert into engine.process_instance (id, process_definition_id, process_definition_key, state, root_process_instance_id)
         values ('bulk', $1, 'review', '{}', 'bulk')`,
        [definitionId],
      );
      await q.query(
        `insert into engine.task (id, process_instance_id, execution_id, activity_instance_id, process_definition_id, process_definition_key,
           task_definition_key, assignee, candidate_users, candidate_groups)
         select 'bulk-' || i, 'bulk', 'e' || i, 'a' || i, $1, 'review', 'Review', case when i % 10 = 0 then null else 'u' || i end,
                array['user' || (i % 2000)], array['group' || (i % 2000), 'everyone' || (i % 3)]
           from generate_series(1, 20000) i`,
        [definitionId],
      );
      await q.query('analyze engine.task');
      // When the query for one group, several groups or one candidate user is planned
      for (const filter of [{ candidateGroup: 'group7' }, { candidateGroups: ['group7', 'group8'] }, { candidateUser: 'user7' }]) {
        const explain = { query: async <R>(sql: string, params?: readonly unknown[]) => q.query<R>(`explain (format json) ${sql}`, params) };
        const [row] = (await listTasks(explain, { ...filter, maxResults: 15 })) as unknown as { 'QUERY PLAN': unknown }[];
        plans.push(JSON.stringify(row['QUERY PLAN']));
      }
      throw rollback;
    })
    .catch((e: unknown) => {
      if (e !== rollback) throw e;
    });
  // Then each plan reads the candidate index
  expect(plans[0]).toContain('ix_task_candidate_groups');
  expect(plans[1]).toContain('ix_task_candidate_groups');
  expect(plans[2]).toContain('ix_task_candidate_users');
  expect(await api.db.query("select 1 from engine.task where id like 'bulk-%' limit 1")).toEqual([]);
});
