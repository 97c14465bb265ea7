import type { FilterFields } from "@contract/filter-fields.ts";
import type { Facets } from "@contract/starters.ts";
import { useId } from "react";

export interface FilterControlsProps {
  /** What the corpus can be filtered by (`GET /api/starters`). */
  facets: Facets;
  value: FilterFields;
  onChange: (value: FilterFields) => void;
}

/** A four-digit year typed in a box, or undefined while it is not one. */
const yearOf = (text: string) => (/^\d{4}$/.test(text.trim()) ? Number(text) : undefined);

/**
 * Year range and category controls for the questions asked, offered only for what the corpus
 * has (nothing at all for a corpus without years and categories).
 */
export function FilterControls({ facets, value, onChange }: FilterControlsProps) {
  const id = useId();
  const { years, categories } = facets;
  if (!years && !categories?.length) return null;
  const set = (field: keyof FilterFields, fieldValue: FilterFields[keyof FilterFields]) => {
    const next: FilterFields = { ...value };
    if (fieldValue === undefined) delete next[field];
    else Object.assign(next, { [field]: fieldValue });
    onChange(next);
  };
  return (
    <fieldset className="filter-controls">
      <legend>Only papers</legend>
      {years && (
        <>
          <label htmlFor={`${id}-from`}>Year from</label>
          <input
            id={`${id}-from`}
            type="number"
            inputMode="numeric"
            min={years.min}
            max={years.max}
            placeholder={String(years.min)}
            defaultValue={value.year_from}
            onChange={(event) => set("year_from", yearOf(event.target.value))}
          />
          <label htmlFor={`${id}-to`}>to</label>
          <input
            id={`${id}-to`}
            aria-label="Year to"
            type="number"
            inputMode="numeric"
            min={years.min}
            max={years.max}
            placeholder={String(years.max)}
            defaultValue={value.year_to}
            onChange={(event) => set("year_to", yearOf(event.target.value))}
          />
        </>
      )}
      {categories && categories.length > 0 && (
        <>
          <label htmlFor={`${id}-category`}>Category</label>
          <select
            id={`${id}-category`}
            value={value.category?.[0] ?? ""}
            onChange={(event) =>
              set("category", event.target.value ? [event.target.value] : undefined)
            }
          >
            <option value="">Any category</option>
            {categories.map(({ name, papers }) => (
              <option key={name} value={name}>
                {name} ({papers})
              </option>
            ))}
          </select>
        </>
      )}
    </fieldset>
  );
}
