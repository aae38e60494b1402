/** record-update's mapping of `set_<field>` variables to the record's fields (the worker end to end: notify.test.ts). */
import { fieldsToSet } from '../../../processes/workers/record-update.js';

test('set_<field> variables become fields; others, and a bare set_, are ignored; dates become ISO text', () => {
  const at = new Date('2026-11-24T08:00:00Z');
  expect(fieldsToSet({ set_status: 'dispatched', set_score: 3, set_flag: false, set_cleared: null, set_at: at, set_: 'x', status: 'no', notifyTo: 'user:1' })).toEqual({
    status: 'dispatched',
    score: 3,
    flag: false,
    cleared: null,
    at: '2026-11-24T08:00:00.000Z',
  });
});
