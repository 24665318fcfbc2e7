/** Starts a throwaway cluster; returns its URL and a function that stops it. */
export function startCluster(): { url: string; stop(): void };
/** The URL of a new, empty database (on TEST_DATABASE_URL's server, or a throwaway cluster). */
export function freshDatabase(): Promise<string>;
