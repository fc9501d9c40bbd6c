// The topology drawing: its data (format=json) and the SVG document itself, fetched as a blob so the
// page shows it through an <img> (scripts in an image never run) and can save it or turn it into PNG.
import { useQuery } from '@tanstack/react-query';
import i18n from 'i18next';
import { ApiError, apiRequest } from '../../app/api-client.ts';
import type { Language, TopologyView } from '../../app/api-types.ts';

/** The SVG of a drawing with the file name the server gave it. */
export interface TopologySvg {
  blob: Blob;
  fileName: string;
}

function topologyQuery(siteKey: string | null, format: 'svg' | 'json', lang: Language): Record<string, string> {
  return { ...(siteKey ? { site: siteKey } : {}), format, lang };
}

/** The drawing's model and layout (sites, segments with machines, numbered conduits). */
export function useTopology(siteKey: string | null, lang: Language) {
  return useQuery({
    // Under "network": every conduit, broker or segment write refreshes the drawing too.
    queryKey: ['network', 'topology', 'json', siteKey ?? '*', lang],
    queryFn: () => apiRequest<TopologyView>('/topology', { query: topologyQuery(siteKey, 'json', lang) }),
  });
}

/** The file name of a Content-Disposition header, or `fallback`. */
function dispositionName(header: string | null, fallback: string): string {
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(header ?? '');
  if (!match) return fallback;
  try {
    return decodeURIComponent(match[1] ?? match[2] ?? fallback);
  } catch {
    return fallback;
  }
}

async function fetchSvg(siteKey: string | null, lang: Language): Promise<TopologySvg> {
  const query = new URLSearchParams(topologyQuery(siteKey, 'svg', lang));
  let response: Response;
  try {
    response = await fetch(`/api/v1/topology?${query.toString()}`, { credentials: 'same-origin', headers: { accept: 'image/svg+xml', 'accept-language': lang } });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'), []);
  }
  if (!response.ok) {
    let problem: { code?: unknown; detail?: unknown } = {};
    try {
      problem = (await response.json()) as typeof problem;
    } catch {
      // Not a problem document: keep the status.
    }
    throw new ApiError(response.status, typeof problem.code === 'string' ? problem.code : `HTTP_${response.status}`, typeof problem.detail === 'string' ? problem.detail : i18n.t('errors.unexpected', { status: response.status }), []);
  }
  const fallback = `${lang === 'en' ? 'topology' : 'topologie'}-${siteKey ?? (lang === 'en' ? 'all' : 'alle')}.svg`;
  return { blob: await response.blob(), fileName: dispositionName(response.headers.get('content-disposition'), fallback) };
}

/** The drawing as an SVG blob. */
export function useTopologySvg(siteKey: string | null, lang: Language) {
  return useQuery({ queryKey: ['network', 'topology', 'svg', siteKey ?? '*', lang], queryFn: () => fetchSvg(siteKey, lang) });
}
