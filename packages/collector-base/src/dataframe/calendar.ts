/** The calendar keys CloudKitty adds to every data point's groupby, from the period start. */
export interface CalendarGroupby {
  /** `%U`: weeks start on Sunday; days before the year's first Sunday are week "00". Two digits. */
  week_of_the_year: string;
  /** `%-j`: 1..366, no padding. */
  day_of_the_year: string;
  /** `%-m`: 1..12, no padding. */
  month: string;
  /** `%Y` */
  year: string;
}

const DAY_MS = 86_400_000;

/** Computed in UTC (CloudKitty uses the process' local time; kitty-collect never depends on it). */
export function calendarGroupby(start: Date): CalendarGroupby {
  const year = start.getUTCFullYear();
  const dayIndex = Math.floor((start.getTime() - Date.UTC(year, 0, 1)) / DAY_MS);
  const week = Math.floor((dayIndex + 7 - start.getUTCDay()) / 7);
  return {
    week_of_the_year: String(week).padStart(2, '0'),
    day_of_the_year: String(dayIndex + 1),
    month: String(start.getUTCMonth() + 1),
    year: String(year).padStart(4, '0'),
  };
}
