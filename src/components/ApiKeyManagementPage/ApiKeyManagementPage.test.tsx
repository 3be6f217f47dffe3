/** @jest-environment jsdom */
import * as React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ConflictError, ForbiddenError, NotProvisionedError, ThrottledError } from '../../core';
import type { AdminRoleResult } from '../../data';
import { ADELE, ALEX, FakeAdminRoleChecker, FakeKeyStore, fakeRecord, MEGAN } from '../__tests__/FakeKeyStore';
import { installBrowserGaps } from '../__tests__/jsdomSetup';
import { ApiKeyManagementPage } from './ApiKeyManagementPage';

installBrowserGaps();
// Fluent's panels and layers mount slowly in jsdom; a whole generate flow takes a few seconds.
jest.setTimeout(20000);

// CommandBar as plain menu items: jsdom lays nothing out (see fluentWithPlainCommandBar).
jest.mock('@fluentui/react', () => jest.requireActual('../__tests__/fluentWithPlainCommandBar').fluentWithPlainCommandBar());

function seededStore(): FakeKeyStore {
  return new FakeKeyStore([
    fakeRecord(1, { name: 'Power BI sales', permission: 'ReadOnly', createdBy: ADELE }),
    fakeRecord(2, { name: 'Payroll sync', permission: 'FullControl', createdBy: ALEX }),
    fakeRecord(3, { name: 'Old connector', status: 'Revoked', revokedAt: new Date(Date.UTC(2026, 1, 2)), revokedBy: MEGAN, createdBy: ADELE })
  ]);
}

function renderPage(store: FakeKeyStore, role: AdminRoleResult = { isGlobalAdmin: true }): FakeAdminRoleChecker {
  const checker = new FakeAdminRoleChecker(role);
  render(<ApiKeyManagementPage store={store} roleChecker={checker} currentUserName="Adele Vance" />);
  return checker;
}

async function waitForRows(count: number, total: number): Promise<void> {
  await screen.findByText(`${count} of ${total} keys`);
}

function rowFor(name: string): HTMLElement {
  const row = screen.getByText(name).closest('[role="row"]');
  if (!row) throw new Error(`no row for ${name}`);
  return row as HTMLElement;
}

function selectRow(name: string): void {
  const toggle = rowFor(name).querySelector('[data-selection-toggle="true"]');
  if (!toggle) throw new Error(`no selection toggle for ${name}`);
  fireEvent.click(toggle);
}

function queryCommand(name: RegExp): HTMLButtonElement | null {
  return screen.queryByRole('menuitem', { name }) as HTMLButtonElement | null;
}

function commandButton(name: RegExp): HTMLButtonElement {
  const button = queryCommand(name);
  if (!button) throw new Error(`no command ${name}`);
  return button;
}

describe('ApiKeyManagementPage', () => {
  let writeText: jest.Mock;
  beforeEach(() => {
    writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  });

  test('shows every key with its count once loaded, and shimmer rows while loading', async () => {
    const store = seededStore();
    const release = store.hold('listKeys');
    renderPage(store);
    // The list section arrives (lazily) while the read is still in flight: shimmer rows, no keys yet.
    expect(document.querySelector('[data-akm-loading] .ms-Shimmer-container')).not.toBeNull();
    await screen.findByText('0 of 0 keys');
    expect(document.querySelector('.ms-DetailsList .ms-Shimmer-container')).not.toBeNull();
    release();
    await waitForRows(3, 3);
    expect(screen.getByText('Power BI sales')).toBeTruthy();
    expect(within(rowFor('Old connector')).getByText('Revoked')).toBeTruthy();
    expect(within(rowFor('Payroll sync')).getByText('Full Control')).toBeTruthy();
    expect(rowFor('Old connector').textContent).toContain('Megan Bowen');
  });

  test('an admin gets Generate always, Edit and Revoke for a selection, and no Revoke for a revoked key', async () => {
    renderPage(seededStore());
    await waitForRows(3, 3);
    expect(commandButton(/Generate API Key/).disabled).toBe(false);
    expect(commandButton(/Edit API Key/).getAttribute('aria-disabled')).toBe('true');
    expect(commandButton(/Revoke API Key/).getAttribute('aria-disabled')).toBe('true');
    selectRow('Payroll sync');
    await waitFor(() => expect(commandButton(/Revoke API Key/).getAttribute('aria-disabled')).not.toBe('true'));
    expect(commandButton(/Edit API Key/).getAttribute('aria-disabled')).not.toBe('true');
    // Rows are multi-select: clear the first pick before the next.
    selectRow('Payroll sync');
    selectRow('Old connector');
    await waitFor(() => expect(commandButton(/Revoke API Key/).getAttribute('aria-disabled')).toBe('true'));
    expect(commandButton(/Edit API Key/).getAttribute('aria-disabled')).not.toBe('true');
  });

  test('someone who is not a Global Administrator sees no actions and why, including PIM activation', async () => {
    renderPage(seededStore(), { isGlobalAdmin: false, reason: 'not-assigned' });
    await waitForRows(3, 3);
    await screen.findByText(/you are not a Global Administrator/);
    expect(queryCommand(/Generate API Key/)).toBeNull();
    expect(queryCommand(/Revoke API Key/)).toBeNull();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.getByText(/Privileged Identity Management \(PIM\), activate it first/)).toBeTruthy();
  });

  test('a missing Graph grant is named: RoleManagement.Read.Directory must be approved', async () => {
    renderPage(seededStore(), { isGlobalAdmin: false, reason: 'grant-missing' });
    await screen.findByText(/RoleManagement\.Read\.Directory/);
    expect(queryCommand(/Generate API Key/)).toBeNull();
  });

  test('a failing role check fails closed and says the role could not be checked, not that the user is no admin', async () => {
    const store = seededStore();
    const checker = new FakeAdminRoleChecker();
    checker.check = () => Promise.reject(new Error('Graph unreachable'));
    render(<ApiKeyManagementPage store={store} roleChecker={checker} />);
    await screen.findByText("We couldn't check your role");
    expect(screen.getByText(/Microsoft Graph did not answer the role check/)).toBeTruthy();
    expect(screen.queryByText(/you are not a Global Administrator/)).toBeNull();
    expect(queryCommand(/Generate API Key/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Copy details' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(expect.stringContaining('Graph unreachable')));
  });

  test('Graph refusing the role check (grant missing) is "We couldn\'t check your role" too', async () => {
    renderPage(seededStore(), { isGlobalAdmin: false, reason: 'grant-missing', detail: 'limited information' });
    await screen.findByText("We couldn't check your role");
    expect(screen.queryByText(/you are not a Global Administrator/)).toBeNull();
  });

  test('generate: validates the name as you type, shows the key once, copies it, and forgets it on close', async () => {
    const store = seededStore();
    renderPage(store);
    await waitForRows(3, 3);
    fireEvent.click(commandButton(/Generate API Key/));
    const name = await screen.findByRole('textbox', { name: /^Name/ });
    fireEvent.change(name, { target: { value: '   ' } });
    expect(await screen.findByText('Enter a name.')).toBeTruthy();
    fireEvent.change(name, { target: { value: 'Bad\u0007name' } });
    expect(await screen.findByText(/control characters/)).toBeTruthy();
    fireEvent.change(name, { target: { value: 'Power Automate flow' } });
    expect(screen.getByText(/cannot be changed after the key is generated/)).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /^Full Control/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const keyField = (await screen.findByRole('textbox', { name: 'Your new API key' })) as HTMLInputElement;
    const key = store.issuedKeys[0];
    expect(keyField.value).toBe(key);
    expect(keyField.readOnly).toBe(true);
    // MessageBar renders its text after a short delay (so screen readers announce it).
    await waitFor(() => expect(document.body.textContent).toContain('It will not be shown again'));
    expect(store.records.filter((r) => r.name === 'Power Automate flow')[0].permission).toBe('FullControl');

    fireEvent.click(screen.getByRole('button', { name: 'Copy key' }));
    await screen.findByText('Copied to the clipboard.');
    expect(writeText).toHaveBeenCalledWith(key);

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitForRows(4, 4);
    await waitFor(() => expect(document.body.innerHTML).not.toContain(key));
    expect(rowFor('Power Automate flow').textContent).toContain(key.slice(-12));
  });

  test('closing the Generate panel before copying asks first, and copy falls back to execCommand', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    const execCommand = jest.fn().mockReturnValue(false);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    const store = seededStore();
    renderPage(store);
    await waitForRows(3, 3);
    fireEvent.click(commandButton(/Generate API Key/));
    fireEvent.change(await screen.findByRole('textbox', { name: /^Name/ }), { target: { value: 'Nightly export' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('textbox', { name: 'Your new API key' });

    fireEvent.click(screen.getByRole('button', { name: 'Copy key' }));
    await screen.findByText(/Could not copy automatically/);
    expect(execCommand).toHaveBeenCalledWith('copy');

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('Close without copying the key?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Go back' }));
    await waitFor(() => expect(screen.queryByText('Close without copying the key?')).toBeNull());
    expect(screen.getByRole('textbox', { name: 'Your new API key' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Close without copying' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Your new API key' })).toBeNull());
    expect(document.body.innerHTML).not.toContain(store.issuedKeys[0]);
  });

  test('edit renames the key, showing its permission read-only', async () => {
    const store = seededStore();
    renderPage(store);
    await waitForRows(3, 3);
    selectRow('Power BI sales');
    fireEvent.click(commandButton(/Edit API Key/));
    const name = await screen.findByRole('textbox', { name: /^Name/ });
    expect((screen.getByRole('textbox', { name: 'Permission' }) as HTMLInputElement).value).toBe('Read Only');
    fireEvent.change(name, { target: { value: 'Power BI finance' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Power BI finance');
    expect(store.records.filter((r) => r.id === 1)[0].name).toBe('Power BI finance');
    expect(screen.queryByText('Power BI sales')).toBeNull();
  });

  test('a rename that raced another change says who changed what, and reload shows it', async () => {
    const store = seededStore();
    renderPage(store);
    await waitForRows(3, 3);
    selectRow('Payroll sync');
    fireEvent.click(commandButton(/Edit API Key/));
    fireEvent.change(await screen.findByRole('textbox', { name: /^Name/ }), { target: { value: 'Payroll v2' } });
    store.changeBehindTheScenes(2, { status: 'Revoked', revokedBy: ALEX, revokedAt: new Date(Date.UTC(2026, 2, 3, 10, 0)) });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Someone else changed this key')).toBeTruthy();
    expect(screen.getByText(/It was revoked by Alex Wilber/)).toBeTruthy();
    expect(store.records.filter((r) => r.id === 2)[0].name).toBe('Payroll sync');
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(within(rowFor('Payroll sync')).getByText('Revoked')).toBeTruthy());
    expect(store.calls.listKeys).toBe(2);
  });

  test('revoke needs an explicit confirmation, says what stops working, and records the revocation', async () => {
    const store = seededStore();
    renderPage(store);
    await waitForRows(3, 3);
    selectRow('Power BI sales');
    fireEvent.click(commandButton(/Revoke API Key/));
    const dialog = await screen.findByRole('alertdialog');
    expect(await within(dialog).findByText(/Power BI datasets and Power Automate flows, stops working/)).toBeTruthy();
    expect(within(dialog).getByText(/This cannot be undone: a revoked key can never be activated again/)).toBeTruthy();
    const revoke = within(dialog).getByRole('button', { name: 'Revoke' }) as HTMLButtonElement;
    expect(revoke.getAttribute('aria-disabled') === 'true' || revoke.disabled).toBe(true);
    fireEvent.click(revoke);
    expect(store.calls.revokeKey).toBe(0);
    fireEvent.click(within(dialog).getByRole('checkbox'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(within(rowFor('Power BI sales')).getByText('Revoked')).toBeTruthy());
    expect(store.records.filter((r) => r.id === 1)[0].revokedBy).toEqual(ADELE);
    await waitFor(() => expect(commandButton(/Revoke API Key/).getAttribute('aria-disabled')).toBe('true'));
  });

  test('search narrows the list and the count; a column filter shows a removable chip', async () => {
    renderPage(seededStore());
    await waitForRows(3, 3);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'payroll' } });
    await waitForRows(1, 3);
    expect(screen.queryByText('Power BI sales')).toBeNull();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '' } });
    await waitForRows(3, 3);

    fireEvent.click(screen.getByRole('button', { name: 'Status' }));
    const menu = await screen.findByRole('dialog', { name: /Sort and filter by Status/ });
    fireEvent.click(within(menu).getByRole('checkbox', { name: 'Revoked' }));
    await waitForRows(1, 3);
    fireEvent.click(within(menu).getByRole('button', { name: 'Done' }));
    const chip = await screen.findByRole('button', { name: 'Remove filter Status: Revoked' });
    fireEvent.click(chip);
    await waitForRows(3, 3);
  });

  test('the Created By people filter lists the people present', async () => {
    renderPage(seededStore());
    await waitForRows(3, 3);
    fireEvent.click(screen.getByRole('button', { name: 'Created By' }));
    const menu = await screen.findByRole('dialog', { name: /Sort and filter by Created By/ });
    const people = within(menu).getAllByRole('checkbox').map((c) => c.getAttribute('aria-label'));
    expect(people).toEqual(['Adele Vance', 'Alex Wilber']);
    fireEvent.click(within(menu).getByRole('checkbox', { name: 'Alex Wilber' }));
    await waitForRows(1, 3);
    expect(screen.getByRole('button', { name: 'Remove filter Created By: Alex Wilber' })).toBeTruthy();
  });

  test('not provisioned: an admin creates the list in one click', async () => {
    const store = seededStore();
    store.provisioned = false;
    renderPage(store);
    fireEvent.click(await screen.findByRole('button', { name: 'Create the list' }));
    await waitForRows(3, 3);
    expect(store.calls.ensureProvisioned).toBe(1);
  });

  test('not provisioned: anyone else is told whom to ask, with no button (SharePoint hides the list from them: no access)', async () => {
    const store = seededStore();
    store.provisioned = false;
    renderPage(store, { isGlobalAdmin: false, reason: 'not-assigned' });
    await screen.findByText(/Ask a Global Administrator if you need a key/);
    expect(screen.queryByRole('button', { name: 'Create the list' })).toBeNull();
  });

  test('no access to the list shows the no-access state instead of a broken page', async () => {
    const store = seededStore();
    store.failNext('listKeys', new ForbiddenError());
    renderPage(store, { isGlobalAdmin: false, reason: 'not-assigned' });
    await screen.findByText('You have no access to the API keys');
    expect(screen.queryByRole('grid')).toBeNull();
    // A state with next steps, not an error: info style, whom to ask, and PIM for an inactive admin.
    const message = (document.querySelector('[data-akm-state="no-access"]') as HTMLElement).closest('.ms-MessageBar') as HTMLElement;
    expect(message.querySelector('[data-icon-name="Info"]')).not.toBeNull();
    expect(message.className).not.toMatch(/--error|--blocked|--severeWarning/);
    expect(within(message).getByText(/Ask a Global Administrator of your organisation/)).toBeTruthy();
    expect(within(message).getByRole('link', { name: /Activate your role in Privileged Identity Management/ }).getAttribute('href')).toMatch(/^https:\/\/entra\.microsoft\.com\/.*ActivationMenuBlade/);
  });

  test('a list SharePoint hides from someone who is not a Global Administrator ("does not exist") is the no-access state too', async () => {
    const store = seededStore();
    store.failNext('listKeys', new NotProvisionedError('missing-list', "The API key list 'API Keys' does not exist on this site.", 'Set it up.'));
    renderPage(store, { isGlobalAdmin: false, reason: 'not-assigned' });
    await screen.findByText('You have no access to the API keys');
    expect(screen.queryByText('Read only: you are not a Global Administrator')).toBeNull();
    expect(screen.queryByRole('button', { name: /Set up/ })).toBeNull();
  });

  test('throttling shows its own message, and retry loads the keys', async () => {
    const store = seededStore();
    store.failNext('listKeys', new ThrottledError(30));
    renderPage(store);
    await screen.findByText('SharePoint is busy');
    expect(screen.getByText(/wait 30 seconds/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitForRows(3, 3);
  });

  test('an unexpected error offers a retry', async () => {
    const store = seededStore();
    store.failNext('listKeys', new Error('socket hang up'));
    renderPage(store);
    await screen.findByText('The API keys could not be loaded');
    expect(screen.getByText(/An unexpected error in the page stopped it\. Nothing was changed/)).toBeTruthy();
    expect(screen.queryByText(/socket hang up/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Copy details' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(expect.stringContaining('Message: socket hang up')));
    expect(writeText.mock.calls[0][0]).toMatch(/Time \(UTC\): \d{4}-\d\d-\d\dT/);
    expect(await screen.findByRole('button', { name: 'Details copied' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitForRows(3, 3);
  });

  test('an empty list says so', async () => {
    renderPage(new FakeKeyStore([]));
    await screen.findByText('No API keys yet');
    expect(screen.getByText(/Generate the first key/)).toBeTruthy();
  });

  test('"Copy key ending" in a row\'s menu copies only the last 12 characters, and says so on screen', async () => {
    renderPage(seededStore());
    await waitForRows(3, 3);
    fireEvent.click(screen.getByRole('button', { name: 'More actions for Payroll sync' }));
    const copy = await screen.findByRole('menuitem', { name: 'Copy key ending' });
    await act(async () => {
      fireEvent.click(copy);
    });
    expect(writeText).toHaveBeenCalledWith('tail00000002');
    expect(await screen.findByText('Copied the key ending …tail00000002 of Payroll sync. It identifies the key; it is not the key.')).toBeTruthy();
  });

  test('a revocation that raced another one is reported as a conflict', async () => {
    const store = seededStore();
    renderPage(store);
    await waitForRows(3, 3);
    selectRow('Power BI sales');
    fireEvent.click(commandButton(/Revoke API Key/));
    const dialog = await screen.findByRole('alertdialog');
    store.failNext('revokeKey', new ConflictError(1, { ...store.records[0], name: 'Power BI (renamed)' }));
    fireEvent.click(within(dialog).getByRole('checkbox'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    expect(await within(dialog).findByText(/It is now named “Power BI \(renamed\)”/)).toBeTruthy();
    expect(store.records[0].status).toBe('Active');
  });

  test('a not-provisioned error from provisioning itself is shown', async () => {
    const store = seededStore();
    store.provisioned = false;
    store.failNext('ensureProvisioned', new NotProvisionedError('inherited-permissions', 'The list inherits permissions.', 'Break inheritance.'));
    renderPage(store);
    fireEvent.click(await screen.findByRole('button', { name: 'Create the list' }));
    await screen.findByText(/is not set up as it must be/);
    expect(screen.getByText('What to do: Break inheritance.')).toBeTruthy();
  });

  describe('a key list the page must not trust', () => {
    const MEGAN_LOGIN = 'Megan Bowen (i:0#.f|membership|meganb@contoso.onmicrosoft.com)';

    test('exposed: names who besides Global Administrators can write it, what may be affected, and the fix; no "Create the list"', async () => {
      const store = seededStore();
      store.distrusted = new NotProvisionedError('exposed', 'Owners can write.', 'Remove Owners.', [MEGAN_LOGIN, 'API Keys Owners']);
      renderPage(store);
      const state = await screen.findByText(/Besides Global Administrators, these accounts can change the API key list/);
      expect(state.textContent).toContain(`${MEGAN_LOGIN}, API Keys Owners`);
      expect(screen.getByText(/review every key created or last changed by those accounts and revoke any you did not expect/)).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Create the list' })).toBeNull();
      expect(screen.queryByRole('grid')).toBeNull();
      expect(document.querySelector('[data-akm-reason="exposed"] .ms-MessageBar--severeWarning')).not.toBeNull();
    });

    test('not ours: a list of that name was not created by provisioning and is never adopted', async () => {
      const store = seededStore();
      store.distrusted = new NotProvisionedError('not-ours', 'Squatted.', 'Rename it.');
      renderPage(store);
      await screen.findByText(/API Key Management did not create it, so it is never used/);
      expect(screen.getByText(/Check who created that list/)).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Create the list' })).toBeNull();
    });

    test('wrong store: the configured store is not the tenant\'s; someone who is not an admin is told to ask one', async () => {
      const store = seededStore();
      store.distrusted = new NotProvisionedError('wrong-store', 'Not the tenant store.', 'Clear the settings.');
      renderPage(store, { isGlobalAdmin: false, reason: 'not-assigned' });
      await screen.findByText(/keys made here would not be accepted by your APIs/);
      expect(screen.getByText('Ask a Global Administrator of your organisation to fix it.')).toBeTruthy();
      expect(screen.queryByText(/Clear the web part's site and list settings/)).toBeNull();
    });
  });

  describe('generate flow', () => {
    async function openGenerate(store: FakeKeyStore): Promise<HTMLInputElement> {
      renderPage(store);
      await waitForRows(3, 3);
      fireEvent.click(commandButton(/Generate API Key/));
      return (await screen.findByRole('textbox', { name: /^Name/ })) as HTMLInputElement;
    }

    test('an empty name gets the inline error (not the browser bubble) and focus, and nothing is written', async () => {
      const store = seededStore();
      const name = await openGenerate(store);
      const form = name.closest('form') as HTMLFormElement;
      expect(form.noValidate).toBe(true);
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      expect(await screen.findByText('Enter a name.')).toBeTruthy();
      expect(document.activeElement).toBe(name);
      expect(store.calls.createKey).toBe(0);
    });

    test('the key view repeats name and permission, says how to send it, and focuses Copy key', async () => {
      const store = seededStore();
      fireEvent.change(await openGenerate(store), { target: { value: 'Sales API' } });
      fireEvent.click(screen.getByRole('radio', { name: /^Full Control/ }));
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await screen.findByRole('textbox', { name: 'Your new API key' });
      expect(screen.getByText('Key for “Sales API”, permission Full Control')).toBeTruthy();
      expect(screen.getByText('Authorization: Bearer <your key>')).toBeTruthy();
      await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Copy key' })));
    });

    test('a key copied by hand (the whole key selected, then copy) counts as copied: Done closes without asking', async () => {
      const store = seededStore();
      fireEvent.change(await openGenerate(store), { target: { value: 'Copied by hand' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      const keyField = (await screen.findByRole('textbox', { name: 'Your new API key' })) as HTMLInputElement;
      keyField.setSelectionRange(0, 5);
      fireEvent.copy(keyField);
      fireEvent.click(screen.getByRole('button', { name: 'Done' }));
      // Part of the key is not the key.
      expect(await screen.findByText('Close without copying the key?')).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Go back' }));
      await waitFor(() => expect(screen.queryByText('Close without copying the key?')).toBeNull());
      keyField.setSelectionRange(0, keyField.value.length);
      fireEvent.copy(keyField);
      fireEvent.click(screen.getByRole('button', { name: 'Done' }));
      await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Your new API key' })).toBeNull());
      expect(screen.queryByText('Close without copying the key?')).toBeNull();
    });

    test('a failed Save says in plain words that no key was created, keeps focus on Save, and copies status and correlation id', async () => {
      const store = seededStore();
      fireEvent.change(await openGenerate(store), { target: { value: 'Will fail' } });
      const failure = Object.assign(new Error('Error making HttpClient request in queryable [500] ::> {"odata.error":{"code":"-1, System.InvalidOperationException"}}'), {
        isHttpRequestError: true,
        status: 500,
        response: { headers: { get: (header: string) => (header === 'SPRequestGuid' ? '1f2e3d4c-0000-4000-8000-00000000abcd' : null) } }
      });
      store.failNext('createKey', failure);
      const save = screen.getByRole('button', { name: 'Save' });
      save.focus();
      fireEvent.click(save);
      await screen.findByText('The key was not generated');
      expect(screen.getByText(/SharePoint ran into a problem of its own \(error 500\)\. No key was created and nothing was saved/)).toBeTruthy();
      expect(document.body.textContent).not.toMatch(/odata\.error|HttpClient|queryable/);
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save' }));
      fireEvent.click(screen.getByRole('button', { name: 'Copy details' }));
      await waitFor(() => expect(writeText).toHaveBeenCalledWith(expect.stringContaining('Correlation ID: 1f2e3d4c-0000-4000-8000-00000000abcd')));
      expect(writeText.mock.calls[0][0]).toContain('Status: 500');
    });
  });

  test('focus returns to the command that opened Edit after Save and after Escape', async () => {
    const store = seededStore();
    renderPage(store);
    await waitForRows(3, 3);
    selectRow('Power BI sales');
    const edit = commandButton(/Edit API Key/);
    edit.focus();
    fireEvent.click(edit);
    const name = await screen.findByRole('textbox', { name: /^Name/ });
    fireEvent.keyDown(name, { key: 'Escape', code: 'Escape', keyCode: 27, which: 27 });
    await waitFor(() => expect(screen.queryByRole('textbox', { name: /^Name/ })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(commandButton(/Edit API Key/)));

    fireEvent.click(commandButton(/Edit API Key/));
    fireEvent.change(await screen.findByRole('textbox', { name: /^Name/ }), { target: { value: 'Power BI renamed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Power BI renamed');
    await waitFor(() => expect(document.activeElement).toBe(commandButton(/Edit API Key/)));
  });

  test('dates and numbers follow the locale prop, not the browser', async () => {
    const store = new FakeKeyStore([fakeRecord(1, { name: 'Janvier', created: new Date(Date.UTC(2026, 0, 15, 12, 0)) })]);
    render(<ApiKeyManagementPage store={store} roleChecker={new FakeAdminRoleChecker()} locale="fr-FR" />);
    await waitForRows(1, 1);
    expect(rowFor('Janvier').textContent).toMatch(/15 janv\. 2026/);
  });
});
