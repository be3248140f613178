import { onBeforeUnmount, ref, type Ref } from 'vue'

export type Route = 'login' | 'main' | 'auto'

/** Electron opens `#/login` (login window) or `#/main`; web mode has no hash and decides by state. */
export function routeOf(hash: string): Route {
  if (hash.startsWith('#/login')) return 'login'
  if (hash.startsWith('#/main')) return 'main'
  return 'auto'
}

export function useHashRoute(): Ref<Route> {
  const route = ref(routeOf(location.hash))
  const onChange = (): void => {
    route.value = routeOf(location.hash)
  }
  window.addEventListener('hashchange', onChange)
  onBeforeUnmount(() => window.removeEventListener('hashchange', onChange))
  return route
}
