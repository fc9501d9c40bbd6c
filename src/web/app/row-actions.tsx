// The edit and remove buttons of one table row, each shown only when the server allows the action.
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RevokeButton } from './confirm-button.tsx';

/** The remove button of a row and its confirmation dialog. */
export interface RowRemoveAction {
  /** Text of the button and of the confirming button. */
  label: string;
  /** Accessible name of the button, naming the row. */
  ariaLabel: string;
  /** Title and question of the dialog. */
  title: string;
  message: string;
  onConfirm: () => void;
}

export interface RowActionsProps {
  /** Accessible name of the edit button, naming the row. */
  editLabel: string;
  /** Opens the edit form; no edit button when undefined. */
  onEdit?: (() => void) | false;
  /** No remove button when undefined. */
  remove?: RowRemoveAction | false;
}

/** Edit and remove buttons of a table row. */
export function RowActions({ editLabel, onEdit, remove }: RowActionsProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      {onEdit && (
        <Button size="xs" variant="default" onClick={onEdit} aria-label={editLabel}>
          {t('common.edit')}
        </Button>
      )}
      {remove && (
        // red.8 falls below 4.5:1 on striped rows.
        <RevokeButton color="red.9" label={remove.label} aria-label={remove.ariaLabel} title={remove.title} message={remove.message} onConfirm={remove.onConfirm} />
      )}
    </Group>
  );
}
