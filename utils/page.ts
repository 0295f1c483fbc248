/**
 * What a report says about the page and the browser it was made in.
 */
import type { Environment, Page } from '@/protocol/report';
import { cleanUrl } from './privacy';

/** The minimum we need of a tab. */
export interface TabLike {
  url?: string;
  title?: string;
  width?: number;
  height?: number;
}

/** The report's `page` for a tab, with the URL cleaned; null for pages we cannot report on. */
export function pageOf(
  tab: TabLike,
  allowedParams: readonly string[],
): Page | null {
  if (!tab.url || !/^https?:/.test(tab.url)) return null;
  const url = cleanUrl(tab.url, allowedParams);
  if (!url) return null;
  return {
    url,
    title: (tab.title ?? '').slice(0, 500),
    service: new URL(url).hostname,
  };
}

/** Describes the browser, from the user agent, without any fingerprinting beyond that. */
export function environmentOf(
  tab: TabLike,
  extensionVersion: string,
  nav: Pick<Navigator, 'userAgent' | 'language'> = navigator,
): Environment {
  const ua = nav.userAgent;
  const browserMatch =
    /(Edg|Firefox|Chrome|Chromium|Safari)\/([\d.]+)/.exec(
      ua.replace(/Version\/[\d.]+ /, ''),
    ) ?? undefined;
  const names: Record<string, string> = { Edg: 'Edge' };
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS X/.test(ua)
      ? 'macOS'
      : /CrOS/.test(ua)
        ? 'ChromeOS'
        : /Android/.test(ua)
          ? 'Android'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'Other';
  return {
    browser: browserMatch
      ? (names[browserMatch[1] ?? ''] ?? browserMatch[1] ?? 'Unknown')
      : 'Unknown',
    version: browserMatch?.[2] ?? '',
    os,
    viewport: { width: tab.width ?? 0, height: tab.height ?? 0 },
    language: nav.language.slice(0, 50),
    extensionVersion,
  };
}
