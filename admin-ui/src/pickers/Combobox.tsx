/**
 * A search-as-you-type choice of one value (the WAI-ARIA combobox pattern with a listbox popup):
 * the input is labelled by the page's <label for={id}>; typing searches (debounced, the previous
 * search aborted) and opens the list; ArrowDown / ArrowUp move through the options (Alt+ArrowDown
 * opens without moving), Enter chooses, Escape closes the list (and, when it is closed, gives the
 * input back the chosen value's label). Emptying the input clears the value; leaving the input with
 * a text that was not chosen gives back the chosen label. The chosen value's label is the owner's.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { usePickerI18n } from './messages.js';

export interface Option {
  id: string;
  label: string;
  /** A second line that tells similar options apart (a username, an account). */
  secondary?: string;
}

export interface ComboboxProps {
  id: string;
  /** The chosen value's id (null: none) and its label (null: not known yet). */
  value: string | null;
  valueLabel: string | null;
  /** The options for a text ('' = the first ones); keep it stable (useCallback): a new function searches again. */
  search(q: string, signal: AbortSignal): Promise<Option[]>;
  onChange(id: string | null, option: Option | null): void;
  placeholder?: string;
  disabled?: boolean;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string;
  /** Shown after the input (e.g. a link to the chosen record). */
  after?: ReactNode;
}

const DEBOUNCE_MS = 250;

export function Combobox(props: ComboboxProps) {
  const { id, value, valueLabel, search, onChange, placeholder, disabled, required, invalid, describedBy, after } = props;
  const { t } = usePickerI18n();
  const listId = useId();
  const shown = value === null ? '' : (valueLabel ?? '');
  const [text, setText] = useState(shown);
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Option[]>([]);
  const [active, setActive] = useState(-1);
  const [state, setState] = useState<'idle' | 'searching' | 'done' | 'failed'>('idle');

  // The chosen value's label, whenever the user is not typing.
  useEffect(() => {
    if (!editing) setText(shown);
  }, [shown, editing]);

  // The search for the text typed (or '' when the list is opened empty), debounced; a newer one aborts it.
  const [wanted, setWanted] = useState<string | null>(null);
  useEffect(() => {
    if (wanted === null) return;
    const controller = new AbortController();
    setState('searching');
    const timer = window.setTimeout(() => {
      search(wanted, controller.signal).then(
        (found) => {
          setOptions(found);
          setActive((a) => (a >= found.length ? found.length - 1 : a));
          setState('done');
        },
        () => {
          if (!controller.signal.aborted) setState('failed');
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [wanted, search]);

  const openWith = (q: string, move: number) => {
    setOpen(true);
    setActive(move);
    setWanted(q);
  };
  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const choose = (o: Option) => {
    close();
    setEditing(false);
    setText(o.label);
    onChange(o.id, o);
  };
  const giveBack = () => {
    setEditing(false);
    setText(shown);
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const status = state === 'searching' ? t('picker.searching') : state === 'failed' ? t('picker.failed') : options.length === 0 ? t('picker.noMatches') : '';

  return (
    <div className="combobox">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 && active < options.length ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy}
        placeholder={placeholder ?? t('picker.placeholder')}
        disabled={disabled}
        value={text}
        onChange={(e) => {
          setEditing(true);
          setText(e.target.value);
          if (e.target.value.trim() === '' && value !== null) onChange(null, null);
          openWith(e.target.value.trim(), -1);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            if (!open) openWith(editing ? text.trim() : '', e.altKey ? -1 : 0);
            else if (options.length > 0) setActive((a) => (a + 1) % options.length);
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            if (!open) openWith(editing ? text.trim() : '', -1);
            else if (options.length > 0) setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
          } else if (e.key === 'Enter') {
            if (open && active >= 0 && options[active]) {
              e.preventDefault();
              choose(options[active]);
            }
          } else if (e.key === 'Escape') {
            if (open) {
              e.preventDefault();
              close();
            } else if (editing) {
              e.preventDefault();
              giveBack();
            }
          }
        }}
        onBlur={() => {
          close();
          if (editing && text.trim() !== '') giveBack();
          else setEditing(false);
        }}
      />
      {after}
      <ul id={listId} role="listbox" className="combobox-list" aria-label={t('picker.options')} hidden={!open}>
        {open &&
          options.map((o, i) => (
            <li
              key={o.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // Keep the focus in the input: the choice happens on click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(o)}
            >
              <span>{o.label}</span>
              {o.secondary && <span className="muted combobox-secondary">{o.secondary}</span>}
            </li>
          ))}
      </ul>
      <span className="visually-hidden" role="status" aria-live="polite">
        {open ? (state === 'done' && options.length > 0 ? t('picker.count', { count: options.length }) : status) : ''}
      </span>
      {open && status && <p className="combobox-status muted">{status}</p>}
    </div>
  );
}
