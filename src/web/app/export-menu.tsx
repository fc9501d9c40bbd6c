// The export button every table shares: a menu with CSV and XLSX of what the table shows (all rows,
// current filter and sort); further items (e.g. the inventory file) may follow.
import { Button, Group, Menu, Text, type ButtonProps } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api-client.ts';
import { currentLanguage } from './i18n.ts';
import { downloadTable, type ExportFormat, type TableData } from './table-export.ts';

export interface ExportMenuProps {
  /** The table's name as shown (its title), for the button's accessible name and the sheet name. */
  table: string;
  /** The file name's start in the UI language, e.g. `maschinen`. */
  fileBase: string;
  /** Further parts of the file name, e.g. the machine id. */
  fileQualifiers?: readonly string[];
  /** Header and every row as shown; may fetch all pages with the current filters. */
  load: () => TableData | Promise<TableData>;
  size?: ButtonProps['size'];
  /** Further menu items after a divider. */
  children?: ReactNode;
  /** Shown on the button while the extra items run. */
  busy?: boolean;
}

/** A menu button "Export" with CSV and XLSX of a table. */
export function ExportMenu({ table, fileBase, fileQualifiers, load, size = 'sm', children, busy = false }: ExportMenuProps) {
  const { t } = useTranslation();
  const exporter = useMutation({
    mutationFn: async (format: ExportFormat) => {
      const data = await load();
      await downloadTable(data, { format, language: currentLanguage(), base: fileBase, qualifiers: fileQualifiers, sheetName: table });
    },
  });
  const error = exporter.error;
  return (
    <Group gap="xs" wrap="nowrap">
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" size={size} loading={exporter.isPending || busy} aria-label={t('export.named', { table })}>
            {t('export.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('export.tableLabel')}</Menu.Label>
          <Menu.Item onClick={() => exporter.mutate('csv')}>{t('export.csv')}</Menu.Item>
          <Menu.Item onClick={() => exporter.mutate('xlsx')}>{t('export.xlsx')}</Menu.Item>
          {children && <Menu.Divider />}
          {children}
        </Menu.Dropdown>
      </Menu>
      {error && (
        <Text size="xs" c="red.8" role="alert">
          {error instanceof ApiError ? error.detail : t('export.failed')}
        </Text>
      )}
    </Group>
  );
}
