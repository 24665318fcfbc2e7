/**
 * One store per adapter and key (a thread, a poll), shared by every element that shows it. Keyed
 * weakly by the adapter so that a dropped adapter takes its stores with it. Other things made once
 * and shared are kept here the same way: one `RestAdapter` per endpoint (under the class), one per
 * endpoint and `getToken` function (under the function).
 */
const stores = new WeakMap<object, Map<string, unknown>>();

export function storeFor<S>(adapter: object, key: string, create: () => S): S {
  let byKey = stores.get(adapter);
  if (!byKey) stores.set(adapter, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, create());
  return byKey.get(key) as S;
}

/** Forgets the store under `key`, if it is still `store` and nobody watches it (a later `storeFor` makes a new one). */
export function forget(adapter: object, key: string, store: { lc: number }): void {
  const byKey = stores.get(adapter);
  if (byKey?.get(key) === store && !store.lc) byKey.delete(key);
}
