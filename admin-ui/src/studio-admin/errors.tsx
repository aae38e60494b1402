/**
 * Refusals at their controls: a 4xx problem+json's `errors[].path` (a JSON Pointer into what was
 * sent, e.g. `/username` or `/rules/0/condition/and/1/value`) is shown under the control that
 * edits that part, which is marked invalid and described by it; focus moves to the first one.
 * What no control claims is listed in the form's banner. Coded errors (`errors[].code`, e.g. a key
 * `taken`, a value outside its list: `invalid-value`) are said in the user's language, as everywhere
 * in the UI (useFieldErrorText, useValueErrorText); others show the server's text.
 */
import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { isApiError, type FieldError } from '../api/index.js';
import { useFieldErrorText, useProblemMessage } from '../app/feedback.js';
import { useValueErrorText } from '../task-forms/valueMessages.js';
import { useAdminI18n } from './messages.js';

/** A field error in the user's language: a coded value refusal (ajv's verdict), else the field error codes, else the server's text. */
function useErrorText(): (e: FieldError) => string {
  const field = useFieldErrorText();
  const value = useValueErrorText();
  return useCallback((e: FieldError) => value(e) ?? field(e), [field, value]);
}

export interface FormErrors {
  /** The messages at exactly this path (or below it, with `below`). */
  at(path: string, below?: boolean): string[];
  /** Props for the control editing `path`: aria-invalid and aria-describedby. */
  control(path: string, below?: boolean): { 'aria-invalid'?: true; 'aria-describedby'?: string };
  error: unknown;
  /** Record a failure (any error; field errors when it is a 4xx problem) and focus the first invalid control in `scope`. */
  fail(error: unknown, scope?: HTMLElement | null, mapPath?: (path: string) => string): void;
  clear(): void;
}

const errorId = (path: string) => `err${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

export function useFormErrors(): FormErrors {
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<FieldError[]>([]);
  const text = useErrorText();
  const at = useCallback((path: string, below = false) => fields.filter((f) => f.path === path || (below && f.path.startsWith(path + '/'))).map(text), [fields, text]);
  const focusIn = useRef<HTMLElement | null>(null);
  // In the commit that shows the messages: the first invalid control takes focus.
  useLayoutEffect(() => {
    focusIn.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    focusIn.current = null;
  }, [fields]);
  const fail = useCallback((e: unknown, scope?: HTMLElement | null, mapPath: (path: string) => string = (p) => p) => {
    focusIn.current = scope ?? null;
    setError(e);
    setFields(isApiError(e) ? e.errors.map((f) => ({ ...f, path: mapPath(f.path) })) : []);
  }, []);
  const clear = useCallback(() => {
    setError(null);
    setFields([]);
  }, []);
  return {
    at,
    control: (path, below) => (at(path, below).length ? { 'aria-invalid': true, 'aria-describedby': errorId(path) } : {}),
    error,
    fail,
    clear,
  };
}

/** The messages of one control, referenced by its aria-describedby. */
export function FieldMessages({ errors, path, below }: { errors: FormErrors; path: string; below?: boolean }) {
  const messages = errors.at(path, below);
  if (!messages.length) return null;
  return (
    <ul className="field-errors" id={errorId(path)}>
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

/** The failure as a whole (in the user's language where the code is known), with each field message. */
export function FormBanner({ errors }: { errors: FormErrors }) {
  const { t } = useAdminI18n();
  const message = useProblemMessage();
  const text = useErrorText();
  if (!errors.error) return null;
  const list = isApiError(errors.error) ? errors.error.errors : [];
  return (
    <div className="banner banner-error" role="alert">
      <span>{t('studioAdmin.refused', { message: message(errors.error) })}</span>
      {list.length > 0 && (
        <ul>
          {list.map((f, i) => (
            <li key={i}>
              <code>{f.path}</code> {text(f)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A labelled control with its messages: `children` gets the id and the invalid/description props. */
export function Field({
  label,
  path,
  errors,
  id,
  children,
}: {
  label: string;
  path: string;
  errors: FormErrors;
  id: string;
  children: (props: { id: string } & ReturnType<FormErrors['control']>) => ReactNode;
}) {
  return (
    <div className={errors.at(path).length ? 'field field-invalid' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, ...errors.control(path) })}
      <FieldMessages errors={errors} path={path} />
    </div>
  );
}
