import Flashbar from '@cloudscape-design/components/flashbar';
import type { ApiError } from '../../api/client';

/** The page's load state as a flash: "API unreachable" while retrying, or the API's error with its code. */
export function LoadProblem({
  error,
  unreachable,
  retryAt,
}: {
  error?: ApiError;
  unreachable: boolean;
  retryAt?: number;
}) {
  if (!error) return null;
  const retry = retryAt ? ` Retrying in ${Math.max(1, Math.round((retryAt - Date.now()) / 1000))} s.` : '';
  return (
    <Flashbar
      items={[
        unreachable
          ? {
              type: 'error',
              id: 'unreachable',
              header: 'API unreachable',
              content: `${error.message}.${retry} What is shown may be out of date.`,
            }
          : {
              type: 'error',
              id: 'api-error',
              header: `${error.code} (${error.status})`,
              content: `${error.message}${retry}`,
            },
      ]}
    />
  );
}
