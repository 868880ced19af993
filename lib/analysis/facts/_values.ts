/** Reading manifest fields defensively: the analysis reads what users wrote, which may not have the shape the schema wants. */

/** A field that should be a list, as one: the list itself, or none when absent or of another type. @internal */
export function _list(value: any): any[] {
  return Array.isArray(value) ? value : [];
}
