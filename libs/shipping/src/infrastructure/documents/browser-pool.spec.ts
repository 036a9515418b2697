import type { Browser, Page } from 'puppeteer-core';
import { BrowserPool, BrowserPoolTimeoutError, ChromiumMissingError } from './browser-pool';

// Real Chromium (PUPPETEER_EXECUTABLE_PATH or /usr/bin/chromium), no mocks.
jest.setTimeout(60_000);

describe('BrowserPool', () => {
  const pools: BrowserPool[] = [];
  const pool = (options: ConstructorParameters<typeof BrowserPool>[0]) => {
    const created = new BrowserPool(options);
    pools.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it('reuses its pages: many concurrent renders never open more than the pool size', async () => {
    const pages = pool({ size: 2 });
    const seen = new Set<Page>();
    const pdfs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        pages.withPage(async (page) => {
          seen.add(page);
          await page.setContent(`<p>render ${i}</p>`);
          return page.pdf();
        }),
      ),
    );
    expect(pdfs).toHaveLength(8);
    expect(seen.size).toBeLessThanOrEqual(2);
    expect(pages.stats()).toMatchObject({ browserLaunches: 1, pagesOpened: seen.size, waiting: 0 });
    const open = await pages.withPage(async (page) => (await page.browser().pages()).length);
    expect(open).toBeLessThanOrEqual(2);
  });

  it('hands the next caller a blank page', async () => {
    const pages = pool({ size: 1 });
    const first = await pages.withPage(async (page) => {
      await page.setContent('<p id="previous">consignee of the previous label</p>');
      return page;
    });
    const [second, leftover] = await pages.withPage(async (page) => [page, await page.$('#previous')] as const);
    expect(second).toBe(first);
    expect(leftover).toBeNull();
  });

  it('makes a waiting caller give up after the bounded wait, with a clear error', async () => {
    const pages = pool({ size: 1, acquireTimeoutMs: 300 });
    let release!: () => void;
    const held = pages.withPage(() => new Promise<void>((resolve) => (release = resolve)));
    await waitFor(() => release !== undefined);
    await expect(pages.withPage(async () => 'never')).rejects.toThrow(BrowserPoolTimeoutError);
    await expect(pages.withPage(async () => 'never')).rejects.toThrow(/No PDF page became free within 300 ms \(pool of 1 pages/);
    release();
    await held;
    await expect(pages.withPage(async () => 'served')).resolves.toBe('served');
  });

  it('queues callers beyond the pool size and serves them in turn', async () => {
    const pages = pool({ size: 1 });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => pages.withPage(async (page) => {
      await page.setContent(`<p>${n}</p>`);
      order.push(n);
    })));
    expect(order).toEqual([1, 2, 3]);
  });

  it('launches a new Chromium after the browser crashed, also when a page was in use', async () => {
    const pages = pool({ size: 1 });
    const crashed = await pages.withPage(async (page) => page.browser());
    await kill(crashed);
    await expect(pages.withPage((page) => page.evaluate(() => 6 * 7))).resolves.toBe(42);
    expect(pages.stats().browserLaunches).toBe(2);

    // Crash while a caller holds the only page: that caller fails, the pool lives on (no leaked slot).
    await expect(pages.withPage(async (page) => {
      await kill(page.browser());
      return page.evaluate(() => 1);
    })).rejects.toThrow();
    const survivor = await pages.withPage(async (page) => page.browser());
    expect(survivor.connected).toBe(true);
    expect(pages.stats()).toMatchObject({ browserLaunches: 3, pagesOpen: 1 });
  });

  it('names PUPPETEER_EXECUTABLE_PATH and the apt package when Chromium is missing', async () => {
    const missing = pool({ executablePath: '/nonexistent/chromium' });
    const failure = missing.withPage(async () => 'unreachable');
    await expect(failure).rejects.toThrow(ChromiumMissingError);
    await expect(failure).rejects.toThrow(/\/nonexistent\/chromium.*apt-get install chromium.*PUPPETEER_EXECUTABLE_PATH/);
    // Not cached as a broken browser, and no slot leaked: the next call fails the same way instead of timing out.
    await expect(missing.withPage(async () => 'unreachable')).rejects.toThrow(ChromiumMissingError);
  });

  it('reports a binary that is not a browser the same way', async () => {
    await expect(pool({ executablePath: '/bin/false', launchTimeoutMs: 10_000 }).withPage(async () => 'unreachable')).rejects.toThrow(/apt-get install chromium/);
  });

  it('closes the browser and refuses work afterwards', async () => {
    const pages = pool({ size: 1 });
    const browser = await pages.withPage(async (page) => page.browser());
    await pages.close();
    expect(browser.connected).toBe(false);
    await expect(pages.withPage(async () => 'late')).rejects.toThrow(/closed/);
  });

  it('refuses a pool without pages', () => {
    expect(() => new BrowserPool({ size: 0 })).toThrow(RangeError);
  });
});

async function kill(browser: Browser): Promise<void> {
  const gone = new Promise((resolve) => browser.once('disconnected', resolve));
  browser.process()?.kill('SIGKILL');
  await gone;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not reached');
}
