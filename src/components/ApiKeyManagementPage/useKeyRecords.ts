import * as React from 'react';
import { isKeyManagementError } from '../../core';
import type { KeyRecord } from '../../core';
import type { AdminRoleChecker, AdminRoleResult, KeyStore } from '../../data';

/** `usageUnknown`: the usage list could not be read with the keys, so a key without a recorded use may still be in use. */
export type RecordsState = { status: 'loading' } | { status: 'ready'; records: KeyRecord[]; usageUnknown: boolean } | { status: 'failed'; error: unknown };

export type RoleState = { status: 'checking' } | { status: 'known'; result: AdminRoleResult };

export interface KeyRecordsController {
  records: RecordsState;
  role: RoleState;
  /** Reads every record again (after an error, a conflict or provisioning). */
  reload: () => void;
  /** Puts a created, renamed or revoked record into the list without another read. */
  upsert: (record: KeyRecord) => void;
}

/**
 * Loads the records and checks the role in parallel, once per store/checker. The role check fails
 * closed: until it answers, and whenever it throws, the user is treated as not an admin.
 */
export function useKeyRecords(store: KeyStore, roleChecker: AdminRoleChecker): KeyRecordsController {
  const [records, setRecords] = React.useState<RecordsState>({ status: 'loading' });
  const [role, setRole] = React.useState<RoleState>({ status: 'checking' });
  const generation = React.useRef(0);

  const reload = React.useCallback((): void => {
    const current = ++generation.current;
    let distrusted = false;
    setRecords({ status: 'loading' });
    store.listKeys().then(
      (list) => {
        // A store without last-used (none configured) is as unknown as a usage list that could not be read.
        const usageUnknown = typeof store.usageState !== 'function' || store.usageState() !== 'ok';
        if (current === generation.current && !distrusted) setRecords({ status: 'ready', records: list, usageUnknown });
      },
      (error: unknown) => {
        if (current === generation.current && !distrusted) setRecords({ status: 'failed', error });
      }
    );
    // The who-can-write audit runs beside the read and never delays the list: when it finds the list exposed,
    // squatted or inheriting, that state replaces the keys (an admin must see it before trusting them). Anything
    // else it meets (for instance a reader who may not enumerate permissions) leaves the page as it is: the
    // verifier runs the same audit and fails closed, the page is not the barrier.
    store.checkProvisioned().then(
      () => undefined,
      (error: unknown) => {
        if (current !== generation.current || !isKeyManagementError(error) || error.kind !== 'not-provisioned') return;
        distrusted = true;
        setRecords({ status: 'failed', error });
      }
    );
  }, [store]);

  React.useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  React.useEffect(() => {
    let live = true;
    setRole({ status: 'checking' });
    roleChecker.check().then(
      (result) => {
        if (live) setRole({ status: 'known', result });
      },
      (error: unknown) => {
        if (live) setRole({ status: 'known', result: { isGlobalAdmin: false, reason: 'error', detail: error instanceof Error ? error.message : String(error) } });
      }
    );
    return () => {
      live = false;
    };
  }, [roleChecker]);

  const upsert = React.useCallback((record: KeyRecord): void => {
    setRecords((state) => {
      if (state.status !== 'ready') return state;
      const others = state.records.filter((r) => r.id !== record.id);
      const index = state.records.findIndex((r) => r.id === record.id);
      const next = index === -1 ? others.concat([record]) : state.records.map((r) => (r.id === record.id ? record : r));
      return { status: 'ready', records: next, usageUnknown: state.usageUnknown };
    });
  }, []);

  return { records, role, reload, upsert };
}
