/** Camunda's parse of candidate attributes into a list of expressions (BpmnParse's comma-separated list). */
import { commaSeparatedExpressions } from '../../../engine/expressions/index.js';

describe('commaSeparatedExpressions', () => {
  it.each([
    ['a, b', ['a', 'b']],
    [' a ,b ', ['a', 'b']],
    ['a,,b', ['a', '', 'b']],
    ['a,b,', ['a', 'b']],
    [',a', ['', 'a']],
    ['a,b, ', ['a', 'b', '']],
    [',', ['']],
    ['', []],
    ['sales, ${team}', ['sales', '${team}']],
    ['${a, b}, c', ['${a, b}', 'c']],
    ['x{y,z}', ['x{y,z}']],
    ['a$b,c', ['a$b,c']],
  ])('given %j, when parsed, then the pieces are %j', (text, pieces) => {
    expect(commaSeparatedExpressions(text)).toEqual(pieces);
  });
});
