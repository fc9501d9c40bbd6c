// Horizontal scrolling for wide tables that stays reachable by keyboard (a focusable, named region).
import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** Wraps a table that may be wider than the page; `label` names the scrollable region. */
export function TableScroll({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Table.ScrollContainer type="native" minWidth={minWidth} tabIndex={0} role="region" aria-label={label}>
      {children}
    </Table.ScrollContainer>
  );
}
