/** Two digits, zero-padded: the months, days, hours and minutes of fixed date formats. */
export function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * A date's local calendar day as YYYY-MM-DD: the value and bounds of an <input type="date">, and the day part of what
 * a spreadsheet reads as a date in every locale.
 */
export function localDayText(date: Date): string {
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
}
