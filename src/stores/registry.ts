/**
 * One store per adapter and key (a thread, a poll), shared by every element that shows it. Keyed
 * weakly by the adapter so that a dropped adapter takes its stores with it. (`restAdapterFor` keeps
 * its one adapter per endpoint here too.)
 */
const stores = new WeakMap<object, Map<string, unknown>>();

export function storeFor<S>(adapter: object, key: string, create: () => S): S {
  let byKey = stores.get(adapter);
  if (!byKey) stores.set(adapter, (byKey = new Map()));
  let store = byKey.get(key) as S | undefined;
  if (!store) byKey.set(key, (store = create()));
  return store;
}
