import { t } from '../i18n';
import { hrefFor } from '../router';
import { Empty, ErrorNotice, Loading, Page, useAsync } from '../ui/components';
import { myTasks } from './api';
import { dueStatus, localToday } from './model';
import './boards.css';

/** « Mes tâches »: the cards assigned to me in all my spaces, soonest due first. */
export function MyTasksPage() {
  const tasks = useAsync(myTasks, []);
  const today = localToday();
  return (
    <Page title={t('tasks.title')}>
      {tasks.loading && <Loading />}
      {tasks.error != null && <ErrorNotice error={tasks.error} onRetry={tasks.reload} />}
      {tasks.data && tasks.data.length === 0 && <Empty>{t('tasks.none')}</Empty>}
      {tasks.data && tasks.data.length > 0 && (
        <table class="board-list tasks">
          <thead>
            <tr>
              <th scope="col">{t('board.field.title')}</th>
              <th scope="col">{t('tasks.space')}</th>
              <th scope="col">{t('tasks.board')}</th>
              <th scope="col">{t('board.field.column')}</th>
              <th scope="col">{t('board.field.due')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.data.map((task) => {
              const status = task.done
                ? null
                : dueStatus({ ...task.card, column: '' }, today, null);
              return (
                <tr key={task.card.id} class={task.done ? 'task-done' : undefined}>
                  <td>{task.card.title}</td>
                  <td>{task.space.name}</td>
                  <td>
                    <a
                      href={`${hrefFor({ name: 'space', id: task.space.id, tab: 'boards' })}?board=${encodeURIComponent(task.board.id)}`}
                    >
                      {task.board.name}
                    </a>
                  </td>
                  <td>
                    {task.done ? t('tasks.done', { column: task.columnName }) : task.columnName}
                  </td>
                  <td class={status ? `board-due-${status}` : undefined}>
                    {task.card.due
                      ? status === 'overdue'
                        ? t('board.due.overdue', { date: task.card.due })
                        : task.card.due
                      : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Page>
  );
}
