import type { Language } from '../errors/app-error.ts';

/**
 * The language of a response: the first of German or English named in Accept-Language, then the
 * user's setting, then German.
 */
export function pickLanguage(acceptLanguage: string | undefined, userLanguage: Language | null): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const quality = params.map((p) => /^q=([0-9.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag.split('-')[0] ?? '', q: quality === undefined ? 1 : Number(quality) };
    })
    .filter((entry) => (entry.tag === 'de' || entry.tag === 'en') && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.tag as Language | undefined) ?? userLanguage ?? 'de';
}
