/**
 * Text that goes into the SEMD through xmlbuilder2.
 *
 * - xmlbuilder2 escapes `<` and `>` but writes control characters and lone
 *   surrogates as they are, which would make the document ill-formed: those
 *   are dropped. Line breaks are normalised to LF, as any XML parser would do,
 *   so the preview shows exactly what is signed.
 * - xmlbuilder2 also leaves an `&` that starts something entity-like (`&lt;`,
 *   `&nbsp;`, `&#65;`) unescaped: `&nbsp;` typed in a conclusion would make the
 *   document ill-formed and `&lt;` would be signed as `<`. So every `&` is
 *   escaped here; xmlbuilder2 then keeps the resulting `&amp;` as it is.
 */

// Everything outside the XML 1.0 Char production (tab, LF, CR, U+0020–U+D7FF,
// U+E000–U+FFFD, and astral characters written as valid surrogate pairs).
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text a reader of the document will see. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(forbidden, '');
}

/** For xmlbuilder2's txt(): the clean text with `&` pre-escaped. */
export function xmlText(value: string): string {
  return cleanText(value).replaceAll('&', '&amp;');
}

/** For attribute values: also no line breaks or tabs (a parser would turn them into spaces). */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/[\t\n]/g, ' ');
}
