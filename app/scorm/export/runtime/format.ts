/** `{name}` placeholders filled in, as in the platform's messages; one without a value stays visible, so a gap is noticed. */
export function formatText(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
