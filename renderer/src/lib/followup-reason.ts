import type { Locale } from '../../../shared/domain/enums';

/** The reason text a save writes for a follow-up, per locale ({{outcome}}: the outcome's label). */
export type ReasonTemplates = Record<Locale, string>;

/**
 * A follow-up's reason shown in the reader's language. A save stores the reason in the writer's
 * language ("承诺还款回访"); when it is exactly the generated text for an outcome, it is said
 * again in `locale` ("Promise to pay follow-up"). A reason typed by hand stays as written.
 */
export function followUpReasonIn(
  reason: string,
  codes: readonly { label: Record<Locale, string> }[],
  locale: Locale,
  templates: ReasonTemplates,
): string {
  const fill = (l: Locale, label: string) => templates[l].replace('{{outcome}}', label);
  for (const c of codes) {
    for (const l of Object.keys(templates) as Locale[]) {
      if (reason === fill(l, c.label[l])) return fill(locale, c.label[locale]);
    }
  }
  return reason;
}
