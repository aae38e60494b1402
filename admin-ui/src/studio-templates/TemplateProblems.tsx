/**
 * What is wrong with the editor's text, each with a button to the line it concerns: invalid JSON
 * (where it stops being JSON), or the server's problems (`errors[].path`, located in the text).
 */
import type { FieldError } from '../api/index.js';
import { scanJson, spotOfPointer, type TextSpot } from './jsonPositions.js';
import { useText } from './messages.js';

export const JSON_ERROR_ID = 'template-json-error';
export const PROBLEMS_ID = 'template-json-problems';

interface Props {
  text: string;
  scanned: ReturnType<typeof scanJson>;
  /** JSON.parse's message when the text is not a template. */
  jsonError: string | null;
  problems: FieldError[];
  goTo: (spot: TextSpot) => void;
}

export function TemplateProblems({ text, scanned, jsonError, problems, goTo }: Props) {
  const { t } = useText();
  const spotOf = (pointer: string) => ('at' in scanned ? spotOfPointer(text, scanned.at, pointer) : null);
  const lineButton = (spot: TextSpot | null) =>
    spot && (
      <button type="button" className="btn btn-small" aria-label={t('goToLineLabel', { line: spot.line })} onClick={() => goTo(spot)}>
        {t('goToLine', { line: spot.line })}
      </button>
    );
  return (
    <>
      {jsonError !== null && (
        <p className="banner banner-error" role="alert" id={JSON_ERROR_ID}>
          {'error' in scanned ? t('invalidJsonAt', { line: scanned.error.line, column: scanned.error.column, message: jsonError }) : t('invalidJson', { message: jsonError })}{' '}
          {'error' in scanned && lineButton(scanned.error)}
        </p>
      )}
      {problems.length > 0 && (
        <div className="banner banner-error" role="alert" id={PROBLEMS_ID}>
          <p>{t('problems')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {lineButton(spotOf(p.path))} <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
