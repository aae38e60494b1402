/**
 * A designer's problems as the server reports them: each one's JSON path in the document and its
 * message. One list for every studio area, so how a problem reads is decided in one place.
 */
import type { AriaRole } from 'react';

export interface Problem {
  path: string;
  message: string;
}

export function ProblemList({ issues, className, id, role }: { issues: readonly Problem[]; className?: string; id?: string; role?: AriaRole }) {
  return (
    <ul className={className} id={id} role={role}>
      {issues.map((i, n) => (
        <li key={n}>
          <code>{i.path}</code> {i.message}
        </li>
      ))}
    </ul>
  );
}
