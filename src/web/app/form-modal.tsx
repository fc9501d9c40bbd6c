// A dialog holding one form, labelled by its title; closing it is the form's cancel.
import { Modal } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal for a form; renders its children only while open so each opening starts fresh. */
export function FormModal({ opened, onClose, title, size, children }: { opened: boolean; onClose: () => void; title: string; size?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size ?? 'lg'} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {opened && children}
    </Modal>
  );
}
