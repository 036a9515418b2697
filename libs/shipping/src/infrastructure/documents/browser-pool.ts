import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export interface BrowserPoolOptions {
  /** Pages kept open and rendering at the same time. */
  size?: number;
  /** Defaults to PUPPETEER_EXECUTABLE_PATH, then /usr/bin/chromium (the Debian package). */
  executablePath?: string;
  /** How long a caller may wait for a free page before withPage rejects. */
  acquireTimeoutMs?: number;
  launchTimeoutMs?: number;
}

export interface BrowserPoolStats {
  size: number;
  browserLaunches: number;
  pagesOpened: number;
  pagesOpen: number;
  idle: number;
  waiting: number;
}

export class ChromiumMissingError extends Error {
  constructor(executablePath: string, cause?: unknown) {
    super(
      `Chromium is needed to print PDFs but could not be started from ${executablePath}. ` +
        'Install it (apt-get install chromium) or point PUPPETEER_EXECUTABLE_PATH at a Chromium/Chrome binary.' +
        (cause instanceof Error ? ` (${cause.message.split('\n')[0]})` : ''),
      { cause },
    );
    this.name = 'ChromiumMissingError';
  }
}

export class BrowserPoolTimeoutError extends Error {
  constructor(waitedMs: number, size: number) {
    super(`No PDF page became free within ${waitedMs} ms (pool of ${size} pages, all busy)`);
    this.name = 'BrowserPoolTimeoutError';
  }
}

// Container-friendly: root in CI needs --no-sandbox; /dev/shm is often 64 MB in Docker.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-extensions', '--no-first-run', '--mute-audio', '--font-render-hinting=none'];

interface Waiter {
  grant(): void;
  timer: NodeJS.Timeout;
}

/**
 * One Chromium per process, launched on first use, and a fixed number of pages reused across renders.
 * A crashed or disconnected browser is replaced on the next use; pages of the old one are dropped.
 */
export class BrowserPool {
  readonly size: number;
  private readonly executablePath: string;
  private readonly acquireTimeoutMs: number;
  private readonly launchTimeoutMs: number;
  private browser: Promise<Browser> | null = null;
  private idle: Page[] = [];
  private permits: number;
  private readonly waiters: Waiter[] = [];
  private closed = false;
  private browserLaunches = 0;
  private pagesOpened = 0;
  private pagesOpen = 0;

  constructor(options: BrowserPoolOptions = {}) {
    this.size = options.size ?? 4;
    if (!Number.isInteger(this.size) || this.size < 1) throw new RangeError(`Browser pool size must be a positive integer, got ${options.size}`);
    this.permits = this.size;
    this.executablePath = options.executablePath ?? process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 60_000;
    this.launchTimeoutMs = options.launchTimeoutMs ?? 30_000;
  }

  /** Runs fn on a pooled page; the page is reset to a blank document afterwards and handed to the next caller. */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    await this.acquirePermit();
    let page: Page;
    try {
      page = await this.takePage();
    } catch (error) {
      this.releasePermit();
      throw error;
    }
    try {
      return await fn(page);
    } finally {
      void this.giveBack(page);
    }
  }

  stats(): BrowserPoolStats {
    return { size: this.size, browserLaunches: this.browserLaunches, pagesOpened: this.pagesOpened, pagesOpen: this.pagesOpen, idle: this.idle.length, waiting: this.waiters.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.grant();
    }
    const browser = this.browser;
    this.browser = null;
    this.idle = [];
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
  }

  private acquirePermit(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The browser pool is closed'));
    if (this.permits > 0) {
      this.permits--;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          if (this.closed) reject(new Error('The browser pool is closed'));
          else resolve();
        },
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new BrowserPoolTimeoutError(this.acquireTimeoutMs, this.size));
        }, this.acquireTimeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  private releasePermit(): void {
    const next = this.waiters.shift();
    if (next) next.grant();
    else this.permits++;
  }

  private async takePage(): Promise<Page> {
    if (this.closed) throw new Error('The browser pool is closed');
    const browser = await this.currentBrowser();
    for (let page = this.idle.pop(); page; page = this.idle.pop()) {
      if (!page.isClosed() && page.browser() === browser) return page;
      this.pagesOpen--;
    }
    const page = await browser.newPage();
    this.pagesOpened++;
    this.pagesOpen++;
    return page;
  }

  private async giveBack(page: Page): Promise<void> {
    try {
      const healthy = !this.closed && !page.isClosed() && page.browser().connected;
      // about:blank drops the previous document (and its memory) before the next caller sees the page.
      if (healthy) await page.goto('about:blank');
      if (healthy && !this.closed) this.idle.push(page);
      else this.pagesOpen--;
    } catch {
      this.pagesOpen--;
      await page.close().catch(() => undefined);
    } finally {
      this.releasePermit();
    }
  }

  private currentBrowser(): Promise<Browser> {
    if (this.browser) return this.browser;
    const launching = this.launch();
    this.browser = launching;
    launching.then(
      (browser) =>
        browser.once('disconnected', () => {
          // Pages of a dead browser are useless: the next withPage launches a new one.
          if (this.browser !== launching) return;
          this.browser = null;
          this.pagesOpen -= this.idle.length;
          this.idle = [];
        }),
      () => {
        // A failed launch must not stay cached: the next caller tries again.
        if (this.browser === launching) this.browser = null;
      },
    );
    return launching;
  }

  private async launch(): Promise<Browser> {
    try {
      await access(this.executablePath, constants.X_OK);
    } catch (error) {
      throw new ChromiumMissingError(this.executablePath, error);
    }
    let browser: Browser;
    try {
      browser = await puppeteer.launch({ executablePath: this.executablePath, headless: true, args: CHROMIUM_ARGS, timeout: this.launchTimeoutMs });
    } catch (error) {
      throw new ChromiumMissingError(this.executablePath, error);
    }
    this.browserLaunches++;
    // The tab Chromium opens at start would be a page outside the pool.
    for (const initial of await browser.pages()) await initial.close().catch(() => undefined);
    return browser;
  }
}
