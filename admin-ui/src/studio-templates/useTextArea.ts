/** The editor's textarea: insert text at its cursor, and put the cursor on a line (scrolled into view). */
import { useRef } from 'react';
import type { TextSpot } from './jsonPositions.js';

export function useTextArea(text: string, setText: (text: string) => void) {
  const ref = useRef<HTMLTextAreaElement>(null);

  /** Replace the selection (or insert at the cursor; at the end without one) and put the cursor after it. */
  const insert = (inserted: string) => {
    const area = ref.current;
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + inserted + text.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + inserted.length, start + inserted.length);
    });
  };

  /** Put the cursor at the start of the spot's line and scroll the editor to it. */
  const goTo = (spot: TextSpot) => {
    const area = ref.current;
    if (!area) return;
    area.focus();
    const lineStart = spot.offset - (spot.column - 1);
    area.setSelectionRange(lineStart, lineStart);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
    area.scrollTop = Math.max(0, (spot.line - 3) * lineHeight);
  };

  return { ref, insert, goTo };
}
