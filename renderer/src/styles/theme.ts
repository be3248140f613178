import { onBeforeUnmount, watchEffect, ref, type Ref } from 'vue'
import type { Settings } from '@contract'

/** Puts the resolved theme on <html data-theme>; "system" follows the OS live. */
export function useTheme(theme: Ref<Settings['theme']>): void {
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined
  const systemDark = ref(media?.matches ?? false)
  const onChange = (e: MediaQueryListEvent): void => {
    systemDark.value = e.matches
  }
  media?.addEventListener('change', onChange)
  onBeforeUnmount(() => media?.removeEventListener('change', onChange))
  watchEffect(() => {
    const dark = theme.value === 'dark' || (theme.value === 'system' && systemDark.value)
    document.documentElement.dataset.theme = dark ? 'dark' : 'light'
  })
}

/** Smooth scrolling only for those who did not ask for reduced motion. */
export function scrollBehavior(): 'smooth' | 'auto' {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth'
}
