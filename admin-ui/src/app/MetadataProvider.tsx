/** Loads the published entities once per session and shares them with every page. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { listEntities, type EntityMeta } from '../api/index.js';
import { ErrorBanner, Loading, ProblemLabelsProvider, type ProblemLabels } from './feedback.js';

export interface Metadata {
  entities: EntityMeta[];
  entity(name: string): EntityMeta | undefined;
}

const MetadataContext = createContext<Metadata | null>(null);

export function MetadataProvider({ children }: { children: ReactNode }) {
  const [entities, setEntities] = useState<EntityMeta[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setError(null);
    listEntities().then(setEntities, setError);
  }, []);
  useEffect(load, [load]);

  const value = useMemo<Metadata | null>(() => {
    if (!entities) return null;
    const byName = new Map(entities.map((e) => [e.name, e]));
    return { entities, entity: (name) => byName.get(name) };
  }, [entities]);

  const labels = useMemo<ProblemLabels | null>(() => {
    if (!value) return null;
    const fieldOf = (entity: string, field: string) => value.entity(entity)?.fields.find((f) => f.name === field);
    return { field: (e, f) => fieldOf(e, f)?.label, value: (e, f, v) => fieldOf(e, f)?.enumLabels?.[v] };
  }, [value]);

  if (error) return <ErrorBanner error={error} onRetry={load} />;
  if (!value) return <Loading />;
  return (
    <MetadataContext.Provider value={value}>
      <ProblemLabelsProvider value={labels}>{children}</ProblemLabelsProvider>
    </MetadataContext.Provider>
  );
}

export function useMetadata(): Metadata {
  const metadata = useContext(MetadataContext);
  if (!metadata) throw new Error('useMetadata outside MetadataProvider');
  return metadata;
}
