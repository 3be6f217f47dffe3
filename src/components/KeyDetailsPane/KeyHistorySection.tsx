import * as React from 'react';
import { FontIcon, format, MessageBar, MessageBarButton, MessageBarType, Shimmer, Text, useTheme } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import type { KeyHistoryEvent } from '../../core';
import { describeError } from '../errorMessages';
import { ErrorDetailsButton } from '../StoreActionError';
import { keyHistoryText } from './keyHistoryText';
import { keyHistorySectionClassNames } from './KeyHistorySection.styles';

export interface IKeyHistorySectionProps {
  /** The key's name, for the list's accessible name. */
  keyName: string;
  /** Reads the key's history (oldest first); called when the section mounts, again on Retry and when `revision` changes. */
  loadHistory: () => Promise<KeyHistoryEvent[]>;
  /** Changes whenever the key does (its ETag): the history is read again. */
  revision: string;
}

type HistoryState = { status: 'loading' } | { status: 'loaded'; events: KeyHistoryEvent[] } | { status: 'failed'; error: unknown };

const ICONS: Record<KeyHistoryEvent['kind'], string> = {
  created: 'Add',
  renamed: 'Rename',
  revoked: 'Blocked',
  tampered: 'Warning',
  'expiry-brought-forward': 'Clock',
  'rolled-from': 'Sync',
  'rolled-to': 'Sync'
};

/**
 * A key's history, read from the list's version history when the pane opens (never with the list: one request per
 * key would cost the list thousands), newest first as SharePoint's own Version history lists it.
 */
export const KeyHistorySection: React.FC<IKeyHistorySectionProps> = ({ keyName, loadHistory, revision }) => {
  const theme = useTheme();
  const classNames = React.useMemo(() => keyHistorySectionClassNames(theme), [theme]);
  const [state, setState] = React.useState<HistoryState>({ status: 'loading' });
  const [attempt, setAttempt] = React.useState(0);
  // The latest loader, without reading again each time the parent renders a new function.
  const load = React.useRef(loadHistory);
  load.current = loadHistory;

  React.useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load.current().then(
      (events) => current && setState({ status: 'loaded', events }),
      (error: unknown) => current && setState({ status: 'failed', error })
    );
    return () => {
      current = false;
    };
  }, [revision, attempt]);

  const description = React.useMemo(() => (state.status === 'failed' ? describeError(state.error, 'load') : undefined), [state]);

  if (state.status === 'loading') {
    return (
      <div className={classNames.shimmer} role="status" aria-label={strings.DetailsHistoryLoading} data-akm-history="loading">
        <Shimmer width="70%" />
        <Shimmer width="55%" />
        <Shimmer width="62%" />
      </div>
    );
  }
  if (description) {
    return (
      <MessageBar
        messageBarType={description.kind === 'throttled' ? MessageBarType.warning : MessageBarType.error}
        isMultiline
        data-akm-history="failed"
        actions={
          <div>
            <MessageBarButton text={strings.Retry} onClick={() => setAttempt((n) => n + 1)} />
            <ErrorDetailsButton report={description.report} />
          </div>
        }
      >
        <strong>{strings.DetailsHistoryFailedTitle}</strong>
        <div>{description.detail}</div>
      </MessageBar>
    );
  }
  const events = state.status === 'loaded' ? state.events.slice().reverse() : [];
  if (events.length === 0) {
    return <Text data-akm-history="empty">{strings.DetailsHistoryEmpty}</Text>;
  }
  return (
    <ol className={classNames.list} aria-label={format(strings.DetailsHistoryListLabel, keyName)} data-akm-history="loaded">
      {events.map((event, i) => {
        const text = keyHistoryText(event);
        const tampered = event.kind === 'tampered';
        return (
          <li key={`${event.version}-${event.kind}-${i}`} className={classNames.entry} data-akm-history-event={tampered ? `tampered:${event.reason}` : event.kind}>
            <FontIcon iconName={ICONS[event.kind]} className={tampered ? classNames.tamperedIcon : classNames.icon} aria-hidden="true" />
            <div>
              <p className={classNames.what}>
                {tampered ? (
                  <>
                    <strong>{strings.HistoryTamperedLabel}</strong> {text.what}
                  </>
                ) : (
                  text.what
                )}
              </p>
              <p className={classNames.meta}>
                <span data-akm-history-who-when>{text.whoWhen}</span>
                {text.version && <> · <span>{text.version}</span></>}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
};
