import { useI18n } from 'vue-i18n'
import { clockTime, listTime, relativeDay, type RelativeDay } from '../lib/time-format'

/** Times in the current language: list times, day separators, message clock times. */
export function useTimeWords() {
  const { t, locale } = useI18n()
  const word = (d: RelativeDay | { kind: 'clock'; text: string }): string => (d.kind === 'today' ? t('time.today') : d.kind === 'yesterday' ? t('time.yesterday') : d.text)
  return {
    listTime: (time: number, now = Date.now()) => word(listTime(time, now, locale.value)),
    day: (time: number, now = Date.now()) => word(relativeDay(time, now, locale.value)),
    clock: (time: number) => clockTime(time, locale.value),
  }
}
