/** Camunda's REST date format: written in UTC as yyyy-MM-dd'T'HH:mm:ss.SSSZ, read with any offset. */
import { formatDate, parseDate } from '../../../engine/rest/dates.js';

test('given an instant, when formatted, then Camunda’s format in UTC', () => {
  expect(formatDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe('2024-01-02T03:04:05.006+0000');
});

test.each([
  ['2024-01-02T03:04:05.006+0000', '2024-01-02T03:04:05.006Z'],
  ['2024-01-02T05:04:05.006+0200', '2024-01-02T03:04:05.006Z'],
  ['2024-01-01T22:04:05.000-05:00', '2024-01-02T03:04:05.000Z'],
  ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05.000Z'],
  ['2024-01-02T03:04:05', '2024-01-02T03:04:05.000Z'],
])('given %s, when parsed, then %s', (text, iso) => {
  expect(parseDate(text)?.toISOString()).toBe(iso);
});

test.each(['2024-02-30T00:00:00.000+0000', '2024-01-02', 'tomorrow', '2024-01-02T25:00:00Z', ''])('given %j, when parsed, then it is no date', (text) => {
  expect(parseDate(text)).toBeNull();
});
