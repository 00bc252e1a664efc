/**
 * Hidden inputs for what an action needs besides the visible fields, e.g. the
 * edited record's id and its version (optimistic locking). Nothing without values.
 */
export function HiddenFields({ values }: { values?: Record<string, string | number> | null }) {
  if (!values) return null;
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}
