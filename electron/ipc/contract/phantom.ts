/**
 * A value that only carries a type: the contract names a command's result or an event's payload
 * beside its name, in the same entry, and nothing of it exists at run time.
 */
export function phantom<T>(): T {
  return undefined as T
}
