// The topology drawing of one site (or of every site in scope): the server's SVG shown as an image
// (an <img> never runs scripts; fed a data: URL, which the page's CSP allows for images), zoomable and scrollable, downloadable as SVG or PNG, with the same
// content as text below for screen readers.
import { Accordion, Box, Button, Center, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../../app/api-client.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { Section } from '../../app/section.tsx';
import { svgToPng } from './topology-png.ts';
import { TopologyTextList } from './topology-text-list.tsx';
import { useTopology, useTopologySvg } from './topology.api.ts';

const zoomLevels = ['fit', 'width', '100', '200'] as const;
type Zoom = (typeof zoomLevels)[number];

/**
 * The blob as a `data:` URL (the page's CSP allows images from 'self' and data:, not blob:). An
 * <img> shows the SVG as a picture: its scripts and links, if any, never run.
 */
function useDataUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    setUrl(null);
    if (!blob) return undefined;
    let current = true;
    const reader = new FileReader();
    reader.onload = () => {
      if (current && typeof reader.result === 'string') setUrl(reader.result);
    };
    reader.readAsDataURL(blob);
    return () => {
      current = false;
      reader.abort();
    };
  }, [blob]);
  return url;
}

/** The topology drawing of one site, or of every site in scope when `siteKey` is null. */
export function TopologyPanel({ siteKey }: { siteKey: string | null }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const view = useTopology(siteKey, lang);
  const svg = useTopologySvg(siteKey, lang);
  const url = useDataUrl(svg.data?.blob);
  const [zoom, setZoom] = useState<Zoom>('width');
  const width = view.data?.width ?? 0;
  const height = view.data?.height ?? 0;
  const png = useMutation({
    mutationFn: async () => {
      if (!url || !svg.data) return;
      saveBlob(await svgToPng(url, width, height), svg.data.fileName.replace(/\.svg$/i, '') + '.png');
    },
  });
  // "fit": the whole drawing in the visible area; "width": as wide as the area; else a fixed scale.
  const imageStyle =
    zoom === 'fit'
      ? { width: 'auto', height: 'auto', maxWidth: '100%', maxHeight: 'calc(75vh - 2px)' }
      : zoom === 'width'
        ? { width: `${width}px`, maxWidth: '100%', height: 'auto' }
        : { width: `${(width * Number(zoom)) / 100}px`, maxWidth: 'none', height: 'auto' };

  return (
    <Section title={t('topology.title')}>
      <QueryContent query={view} isEmpty={(data) => data.sites.length === 0} emptyText={t('topology.empty')}>
        {(data) => (
          <Stack>
            <Group justify="space-between" wrap="wrap">
              <SegmentedControl
                aria-label={t('topology.zoom')}
                value={zoom}
                onChange={setZoom}
                data={zoomLevels.map((level) => ({ value: level, label: level === 'fit' ? t('topology.zoomFit') : level === 'width' ? t('topology.zoomWidth') : `${level} %` }))}
              />
              <Group gap="xs">
                <Button variant="default" disabled={!svg.data} onClick={() => svg.data && saveBlob(svg.data.blob, svg.data.fileName)}>
                  {t('topology.downloadSvg')}
                </Button>
                <Button variant="default" disabled={!url} loading={png.isPending} onClick={() => png.mutate()}>
                  {t('topology.downloadPng')}
                </Button>
              </Group>
            </Group>
            {png.isError && (
              <Text size="sm" c="red.8" role="alert">
                {t('topology.pngFailed')}
              </Text>
            )}
            <ProblemAlert error={svg.error} />
            <Box
              role="region"
              aria-label={t('topology.region')}
              tabIndex={0}
              maw="100%"
              mah="75vh"
              style={{ overflow: 'auto', border: '1px solid var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-sm)' }}
            >
              {url ? (
                <img src={url} alt={t('topology.alt', { title: data.title, description: data.description })} width={width} height={height} style={{ display: 'block', ...imageStyle }} />
              ) : (
                !svg.isError && (
                  <Center py="xl">
                    <Loader aria-label={t('common.loading')} />
                  </Center>
                )
              )}
            </Box>
            <Accordion variant="contained">
              <Accordion.Item value="text">
                <Accordion.Control>{t('topology.textVersion')}</Accordion.Control>
                <Accordion.Panel>
                  <TopologyTextList view={data} />
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
          </Stack>
        )}
      </QueryContent>
    </Section>
  );
}
