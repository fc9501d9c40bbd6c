// A button that asks before it acts; the dialog is labelled by its title.
import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmButtonProps extends ButtonProps {
  /** Text of the button that opens the dialog. */
  children: ReactNode;
  /** Title of the dialog. */
  title: string;
  /** Question in the dialog. */
  message: ReactNode;
  /** Label of the confirming button. */
  confirmLabel: string;
  /** Called on confirmation; the dialog closes right away. */
  onConfirm: () => void;
  /** Accessible name of the opening button when its text alone is ambiguous. */
  'aria-label'?: string;
}

/** Opens a confirmation dialog and runs `onConfirm` when confirmed. */
export function ConfirmButton({ children, title, message, confirmLabel, onConfirm, color, ...buttonProps }: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button color={color} {...buttonProps} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack>
          <Text>{message}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color={color}
              onClick={() => {
                close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** A small red outlined button that asks before it revokes something; `label` names both buttons. */
export function RevokeButton({ label, ...props }: Omit<ConfirmButtonProps, 'children' | 'confirmLabel'> & { label: string }) {
  return (
    <ConfirmButton size="xs" variant="outline" color="red.8" confirmLabel={label} {...props}>
      {label}
    </ConfirmButton>
  );
}
