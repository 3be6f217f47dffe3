/**
 * Every page of a PnPjs items query, in order: PnPjs's async iterator follows `odata.nextLink`, so a list past the
 * view threshold is read whole with its `$top` page size. Driven by hand because the SPFx build targets ES5, where
 * `for await` is not down-levelled.
 */
export async function forEachPage<T>(query: { [Symbol.asyncIterator](): AsyncIterator<T[]> }, onPage: (items: T[]) => void): Promise<void> {
  const pages = query[Symbol.asyncIterator]();
  for (;;) {
    const page = await pages.next();
    if (page.done) {
      return;
    }
    onPage(page.value);
  }
}
