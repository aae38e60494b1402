/** Camunda's variable encoding ⇄ TypedValue: types read case-insensitively, values converted as Camunda converts them. */
import { EngineError } from '../../../engine/index.js';
import { fromVariableDto, fromVariableDtos, toVariableDto, toVariableDtos } from '../../../engine/rest/variables.js';

test.each([
  [{ value: 'Ada', type: 'String' }, { type: 'string', value: 'Ada' }],
  [{ value: 42, type: 'integer' }, { type: 'integer', value: 42 }], // camunda-external-task-client-js sends lower case
  [{ value: '42', type: 'INTEGER' }, { type: 'integer', value: 42 }],
  [{ value: 7, type: 'Short' }, { type: 'short', value: 7 }],
  [{ value: 2 ** 40, type: 'Long' }, { type: 'long', value: 2 ** 40 }],
  [{ value: '1.5', type: 'double' }, { type: 'double', value: 1.5 }],
  [{ value: true, type: 'boolean' }, { type: 'boolean', value: true }],
  [{ value: 'FALSE', type: 'Boolean' }, { type: 'boolean', value: false }],
  [{ value: '2024-05-01T11:30:00.000+0200', type: 'Date' }, { type: 'date', value: '2024-05-01T09:30:00.000Z' }],
  [{ value: null, type: 'Null' }, { type: 'null', value: null }],
  [{ value: '{"a":[1,2]}', type: 'Json' }, { type: 'json', value: { a: [1, 2] } }],
  [
    { value: '{"n":1}', type: 'Object', valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' } },
    { type: 'object', value: { n: 1 }, valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' } },
  ],
  [{ value: 'AAEC', type: 'Bytes' }, { type: 'bytes', value: 'AAEC' }],
  [{ value: 'x' }, { type: 'string', value: 'x' }],
  [{ value: 3 }, { type: 'integer', value: 3 }],
  [{ value: 2.5 }, { type: 'double', value: 2.5 }],
  [{ value: { deep: true } }, { type: 'json', value: { deep: true } }],
  [{}, { type: 'null', value: null }],
])('given the request variable %j, when read, then it is %j', (dto, expected) => {
  expect(fromVariableDto(dto)).toEqual(expected);
});

test.each([
  [{ value: '1abc', type: 'Integer' }, "Cannot convert value '1abc' of type 'Integer' to java type java.lang.Integer"],
  [{ value: 2 ** 31, type: 'Integer' }, "Cannot convert value '2147483648' of type 'Integer' to java type java.lang.Integer"],
  [{ value: 1.5, type: 'Long' }, "Cannot convert value '1.5' of type 'Long' to java type java.lang.Long"],
  [{ value: 'yes', type: 'Boolean' }, "Cannot convert value 'yes' of type 'Boolean' to java type java.lang.Boolean"],
  [{ value: 'tomorrow', type: 'Date' }, "Cannot convert value 'tomorrow' of type 'Date' to java type java.util.Date"],
  [{ value: '{oops', type: 'Json' }, "Cannot convert value '{oops' of type 'Json' to java type a JSON value"],
  [{ value: 'x', type: 'Xml' }, "Unsupported value type 'Xml'"],
  [{ value: 'x', type: 'Object', valueInfo: { serializationDataFormat: 'application/x-java-serialized-object' } }, /serialization data format .* is not supported/],
])('given the bad request variable %j, when read, then 400 InvalidRequestException: %s', (dto, message) => {
  let caught: unknown;
  try {
    fromVariableDto(dto);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(EngineError);
  expect(caught).toMatchObject({ type: 'InvalidRequestException', status: 400 });
  expect((caught as Error).message).toMatch(message);
});

test('given a map with one bad variable, when read with a context, then the message is prefixed as Camunda’s endpoints do', () => {
  expect(() => fromVariableDtos({ ok: { value: 1, type: 'Integer' }, amount: { value: 'x', type: 'Double' } }, 'Cannot complete task 7')).toThrow(
    "Cannot complete task 7: Cannot convert value 'x' of type 'Double' to java type java.lang.Double",
  );
});

test('given typed values, when answered, then Camunda’s capitalised types and value encodings come back', () => {
  expect(
    toVariableDtos({
      s: { type: 'string', value: 'x' },
      i: { type: 'integer', value: 1 },
      d: { type: 'date', value: '2024-05-01T09:30:00.000Z' },
      j: { type: 'json', value: { a: 1 } },
      o: { type: 'object', value: { n: 1 }, valueInfo: { objectTypeName: 'T', serializationDataFormat: 'application/json' } },
      n: { type: 'null', value: null },
    }),
  ).toEqual({
    s: { type: 'String', value: 'x', valueInfo: {} },
    i: { type: 'Integer', value: 1, valueInfo: {} },
    d: { type: 'Date', value: '2024-05-01T09:30:00.000+0000', valueInfo: {} },
    j: { type: 'Json', value: '{"a":1}', valueInfo: {} },
    o: { type: 'Object', value: { n: 1 }, valueInfo: { objectTypeName: 'T', serializationDataFormat: 'application/json' } },
    n: { type: 'Null', value: null, valueInfo: {} },
  });
  expect(toVariableDto({ type: 'object', value: { n: 1 }, valueInfo: {} }, { deserializeValues: false }).value).toBe('{"n":1}');
});

test('given every type, when a value goes out and comes back in, then it is unchanged', () => {
  const values = [
    { type: 'string', value: 'é' },
    { type: 'integer', value: -5 },
    { type: 'long', value: 2 ** 50 },
    { type: 'double', value: 0.25 },
    { type: 'boolean', value: false },
    { type: 'date', value: '2030-12-31T23:59:59.999Z' },
    { type: 'json', value: [1, { b: null }] },
    { type: 'null', value: null },
  ] as const;
  for (const v of values) expect(fromVariableDto(toVariableDto(v))).toEqual(v);
});
