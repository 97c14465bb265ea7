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

/** One end of the year range: a number box within the corpus's years. */
function YearBox(props: {
  id: string;
  label?: string;
  years: NonNullable<Facets["years"]>;
  placeholder: number;
  value: number | undefined;
  onChange: (year: number | undefined) => void;
}) {
  return (
    <input
      id={props.id}
      aria-label={props.label}
      type="number"
      inputMode="numeric"
      min={props.years.min}
      max={props.years.max}
      placeholder={String(props.placeholder)}
      defaultValue={props.value}
      onChange={(event) => props.onChange(yearOf(event.target.value))}
    />
  );
}

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
          <YearBox
            id={`${id}-from`}
            years={years}
            placeholder={years.min}
            value={value.year_from}
            onChange={(year) => set("year_from", year)}
          />
          <label htmlFor={`${id}-to`}>to</label>
          <YearBox
            id={`${id}-to`}
            label="Year to"
            years={years}
            placeholder={years.max}
            value={value.year_to}
            onChange={(year) => set("year_to", year)}
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
