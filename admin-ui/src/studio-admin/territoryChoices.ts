/**
 * The values a territory's regions and industries may take: territory sharing rules compare them
 * with a record field (`fields.region`, `fields.industry` of each entity's rule). Where those
 * fields are enums, their values (with labels) are the choices; otherwise any text, suggesting the
 * values other territories already use.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Label } from '../api/index.js';
import { listSharing, type SharingDocument } from '../api/studioAdmin.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { useDirectory } from './directory.js';
import type { ValueChoices } from './ValueList.js';

type Which = 'region' | 'industry';
const PLURAL = { region: 'regions', industry: 'industries' } as const;

export function useTerritoryChoices(wanted: boolean): Record<Which, ValueChoices> {
  const { entities } = useMetadata();
  const { units } = useDirectory();
  const [sharing, setSharing] = useState<SharingDocument[]>([]);
  useEffect(() => {
    // Without the rules the inputs take any text: a failed read costs only the drop-downs.
    if (wanted) listSharing().then(setSharing, () => setSharing([]));
  }, [wanted]);
  return useMemo(() => {
    const choices = (which: Which): ValueChoices => {
      const allowed = new Map<string, Label | undefined>();
      let free = false;
      for (const doc of sharing)
        for (const rule of doc.rules ?? []) {
          if (rule.type !== 'territory' || !rule.fields[which]) continue;
          const field = entities.find((e) => e.name === doc['x-crm-sharing'])?.fields.find((f) => f.name === rule.fields[which]);
          if (!field?.enumValues) free = true;
          else for (const value of field.enumValues) if (!allowed.has(value)) allowed.set(value, field.enumLabels?.[value]);
        }
      const suggestions = [...new Set(units.territories.flatMap((u) => u[PLURAL[which]] ?? []))].sort();
      return { allowed: free || allowed.size === 0 ? null : [...allowed].map(([value, label]) => ({ value, label })), suggestions };
    };
    return { region: choices('region'), industry: choices('industry') };
  }, [sharing, entities, units]);
}
