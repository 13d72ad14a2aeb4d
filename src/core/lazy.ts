/**
 * A module (or any value) loaded on first use and kept: heavy libraries (mail authentication,
 * office formats, IMAP, SMTP…) are imported by the code path that needs them, so a CLI verb that
 * does not use them starts without paying for them. Concurrent first calls share one load.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () =>
    (p ??= load().catch((e: unknown) => {
      p = undefined;
      throw e;
    }));
}
