import { Driver, effectsOf, external, flow, graphOf, start, testContext } from '../support.js';

describe('user task and external task attributes', () => {
  it('given every user task attribute as an expression or constant, when the task is created, then the effect carries the evaluated values (candidate lists: one value per comma-separated expression)', async () => {
    const d = new Driver(await graphOf('Attrs', [
      start(),
      '<bpmn:userTask id="Review" camunda:assignee="${owner}" camunda:candidateUsers="${reviewers}" camunda:candidateGroups="sales,${team}" camunda:formKey="app:${form}" camunda:dueDate="${due}" camunda:followUpDate="${followUp}" camunda:priority="${prio + 1}" />',
      flow('F0', 'Start', 'Review'),
    ].join('\n')));
    const effects = d.start({ owner: 'anna', reviewers: ['bob', 'eve'], team: 'east', form: 'review', due: '2030-01-02', followUp: null, prio: 49 });
    const [task] = effectsOf(effects, 'userTaskCreated');
    expect(task).toMatchObject({
      assignee: 'anna', candidateUsers: [['bob', 'eve']], candidateGroups: ['sales', 'east'], formKey: 'app:review', dueDate: '2030-01-02', followUpDate: null, priority: 50,
    });
  });

  it('given a user task name with expressions, when the task is created, then the name is evaluated (as Camunda; found by the Operaton conformance suite)', async () => {
    const d = new Driver(await graphOf('Named', [start(), '<bpmn:userTask id="Review" name="Order ${orderNo} for ${customer}" />', flow('F0', 'Start', 'Review')].join('\n')));
    const [task] = effectsOf(d.start({ orderNo: 12, customer: 'ACME' }), 'userTaskCreated');
    expect(task).toMatchObject({ name: 'Order 12 for ACME' });
  });

  it('given expressions reading the execution, when evaluated, then they get the EvaluationInfo of the token and the instance', async () => {
    const ctx = testContext();
    const d = new Driver(await graphOf('Info', [
      start(), '<bpmn:userTask id="Review" camunda:assignee="${execution.processBusinessKey}" camunda:formKey="${execution.activityId}" />', flow('F0', 'Start', 'Review'),
    ].join('\n')), ctx);
    const [task] = effectsOf(d.start({}, { businessKey: 'order-9' }), 'userTaskCreated');
    expect(task).toMatchObject({ assignee: 'order-9', formKey: 'Review' });
    expect(ctx.infos[0]).toEqual({ processInstanceId: 'id1', processDefinitionId: 'Info:1:def', businessKey: 'order-9', executionId: task.executionId, activityId: 'Review' });
  });

  it('given an external task whose topic and priority are expressions, when created, then both are evaluated (the topic as text)', async () => {
    const d = new Driver(await graphOf('Topics', [
      start(), '<bpmn:serviceTask id="Send" camunda:type="external" camunda:topic="${kind}-mail" camunda:taskPriority="${urgent ? 90 : 10}" />', flow('F0', 'Start', 'Send'),
    ].join('\n')));
    const [task] = effectsOf(d.start({ kind: 'welcome', urgent: true }), 'externalTaskCreated');
    expect(task).toMatchObject({ activityId: 'Send', topic: 'welcome-mail', priority: 90 });
  });

  it('given an attribute expression on an unknown variable, when the task is reached, then the command fails and nothing is returned', async () => {
    const d = new Driver(await graphOf('Bad', [start(), external('Send', '${nope}'), flow('F0', 'Start', 'Send')].join('\n')));
    expect(() => d.start()).toThrow(/Cannot resolve identifier 'nope'/);
    expect(d.state).toBeNull();
  });
});
