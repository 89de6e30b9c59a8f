/** Inline messages under a note-pane field. */
export function FieldErrors({ errors, testid }: { errors: string[]; testid: string }) {
  if (errors.length === 0) return null;
  return (
    <div className="field-error" data-testid={testid} role="alert">
      {errors.join('；')}
    </div>
  );
}
