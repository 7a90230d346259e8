/**
 * Text that goes into the SEMD. xmlbuilder2 escapes markup characters but
 * writes control characters and lone surrogates as they are, which would make
 * the document ill-formed; those are dropped here. Line breaks are normalised
 * to LF because an XML parser would do so anyway and the preview must show
 * exactly what is signed.
 */

// Everything outside the XML 1.0 Char production (tab, LF, CR, U+0020–U+D7FF,
// U+E000–U+FFFD, and astral characters written as valid surrogate pairs).
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(forbidden, '');
}

/** For attribute values: no line breaks or tabs (they would be normalised to spaces). */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/[\t\n]/g, ' ');
}
