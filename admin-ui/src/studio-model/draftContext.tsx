/** The shared draft for the designer's pages: load it, save one entity document, notice a conflict. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { isApiError } from '../api/index.js';
import { getDraft, putDraftEntity, type Draft, type DraftIssue, type EntityDoc } from '../api/studioModel.js';

export interface DraftState {
  draft: Draft;
  reload(): void;
  /** Save an entity document on the current revision; answers its issues (empty when valid). */
  saveEntity(doc: EntityDoc): Promise<DraftIssue[]>;
  /** Set when a save was refused because someone else changed the draft (409). */
  conflict: boolean;
}

const DraftContext = createContext<DraftState | null>(null);

export function useDraft(): DraftState {
  const state = useContext(DraftContext);
  if (!state) throw new Error('useDraft outside DraftProvider');
  return state;
}

export function useDraftLoader(): { draft: Draft | null; error: unknown; load(): void } {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    getDraft().then(setDraft, setError);
  }, []);
  useEffect(load, [load]);
  return { draft, error, load };
}

export function DraftProvider({ draft, reload, children }: { draft: Draft; reload(): void; children: ReactNode }) {
  const [conflict, setConflict] = useState(false);
  const saveEntity = useCallback(
    async (doc: EntityDoc) => {
      try {
        const saved = await putDraftEntity(doc['x-crm-entity'], draft.revision, doc);
        setConflict(false);
        reload();
        return saved.issues;
      } catch (e) {
        if (isApiError(e) && e.code === 'version-conflict') setConflict(true);
        throw e;
      }
    },
    [draft.revision, reload],
  );
  const value: DraftState = { draft, reload: () => (setConflict(false), reload()), saveEntity, conflict };
  return <DraftContext.Provider value={value}>{children}</DraftContext.Provider>;
}
