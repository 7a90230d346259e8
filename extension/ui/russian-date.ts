/** An ISO date or date-time as the doctor reads it: "14.05.1980"; anything unparsable as given. */
export function russianDate(iso: string | undefined): string {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return match ? `${match[3]}.${match[2]}.${match[1]}` : (iso ?? '');
}
