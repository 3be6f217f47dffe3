import { keyHistoryEvents, withReplacements } from './keyHistoryEvents';
import type { KeyHistoryVersion } from './keyHistoryEvents';

const HASH = 'ab'.repeat(32);
const ADELE = { Id: 11, Title: 'Adele Vance', Email: 'adelev@contoso.com' };
const ALEX = { Id: 12, Title: 'Alex Wilber', Email: 'alexw@contoso.com' };
const DIEGO = { Id: 18, Title: 'Diego Siciliani', Email: 'diegos@contoso.com' };

const adele = { id: 11, displayName: 'Adele Vance', email: 'adelev@contoso.com' };
const alex = { id: 12, displayName: 'Alex Wilber', email: 'alexw@contoso.com' };
const diego = { id: 18, displayName: 'Diego Siciliani', email: 'diegos@contoso.com' };

/** Version n of a key as SharePoint lists it: every column of the item at that version, and who wrote it. */
function version(n: number, overrides: Partial<KeyHistoryVersion> = {}): KeyHistoryVersion {
  return {
    VersionId: n * 512,
    VersionLabel: `${n}.0`,
    IsCurrentVersion: false,
    Created: `2026-03-0${n}T10:00:00Z`,
    CreatedBy: ADELE,
    Title: 'Order sync',
    KeyHash: HASH,
    KeyTail: 'x1Y2z3W4v5U6',
    Permission: 'ReadOnly',
    Status: 'Active',
    RevokedAt: null,
    RevokedBy: null,
    ...overrides
  };
}

const at = (n: number): Date => new Date(`2026-03-0${n}T10:00:00Z`);

describe('keyHistoryEvents', () => {
  it('a key never changed: created, with its name, permission, who and when', () => {
    expect(keyHistoryEvents([version(1, { IsCurrentVersion: true })])).toEqual([
      { kind: 'created', version: 1, name: 'Order sync', permission: 'ReadOnly', at: at(1), by: adele }
    ]);
  });

  it('renamed twice by two admins: each rename from, to, who and when, oldest first whatever order SharePoint lists them in', () => {
    const versions = [version(3, { Title: 'Orders (EU)', CreatedBy: ALEX }), version(1), version(2, { Title: 'Orders' })];
    expect(keyHistoryEvents(versions)).toEqual([
      { kind: 'created', version: 1, name: 'Order sync', permission: 'ReadOnly', at: at(1), by: adele },
      { kind: 'renamed', version: 2, from: 'Order sync', to: 'Orders', at: at(2), by: adele },
      { kind: 'renamed', version: 3, from: 'Orders', to: 'Orders (EU)', at: at(3), by: alex }
    ]);
  });

  it('revoked in two writes (Status and revoker, then RevokedAt): one revocation, by the version that revoked it; a later rename still shows', () => {
    const versions = [
      version(1),
      version(2, { Status: 'Revoked', RevokedBy: { LookupId: 12, LookupValue: 'Alex Wilber' }, CreatedBy: ALEX }),
      version(3, { Status: 'Revoked', RevokedBy: { LookupId: 12, LookupValue: 'Alex Wilber' }, RevokedAt: '2026-03-02T10:00:00Z', CreatedBy: ALEX }),
      version(4, { Status: 'Revoked', RevokedBy: { LookupId: 12, LookupValue: 'Alex Wilber' }, RevokedAt: '2026-03-02T10:00:00Z', Title: 'Order sync (retired)' })
    ];
    expect(keyHistoryEvents(versions)).toEqual([
      { kind: 'created', version: 1, name: 'Order sync', permission: 'ReadOnly', at: at(1), by: adele },
      { kind: 'revoked', version: 2, at: at(2), by: alex },
      { kind: 'renamed', version: 4, from: 'Order sync', to: 'Order sync (retired)', at: at(4), by: adele }
    ]);
  });

  it("a site collection administrator's permission change is its own tampered entry, with who and when, even when changed back", () => {
    const versions = [version(1), version(2, { Permission: 'FullControl', CreatedBy: DIEGO }), version(3, { Permission: 'ReadOnly', CreatedBy: DIEGO })];
    expect(keyHistoryEvents(versions)).toEqual([
      { kind: 'created', version: 1, name: 'Order sync', permission: 'ReadOnly', at: at(1), by: adele },
      { kind: 'tampered', reason: 'permission-changed', version: 2, from: 'ReadOnly', to: 'FullControl', at: at(2), by: diego },
      { kind: 'tampered', reason: 'permission-changed', version: 3, from: 'FullControl', to: 'ReadOnly', at: at(3), by: diego }
    ]);
  });

  it('a revocation undone is revived (naming the version that revoked it); the key stays revoked, so no second revocation entry', () => {
    const versions = [
      version(1),
      version(2, { Status: 'Revoked', RevokedBy: { LookupId: 11 } }),
      version(3, { Status: 'Active', CreatedBy: undefined, Editor: { LookupId: 18, LookupValue: 'Diego Siciliani', Email: 'diegos@contoso.com' } }),
      version(4, { Status: 'Revoked', CreatedBy: DIEGO })
    ];
    const events = keyHistoryEvents(versions);
    expect(events.map((e) => [e.kind, e.version])).toEqual([
      ['created', 1],
      ['revoked', 2],
      ['tampered', 3]
    ]);
    expect(events[2]).toEqual({ kind: 'tampered', reason: 'revived', version: 3, from: '2', at: at(3), by: diego });
  });

  it('a replaced key ending or hash is hash-changed with both endings; a hash differing only in case is not a change', () => {
    expect(keyHistoryEvents([version(1), version(2, { KeyTail: 'zzzzzzzzzzzz', CreatedBy: DIEGO })])[1]).toEqual({
      kind: 'tampered',
      reason: 'hash-changed',
      version: 2,
      from: 'x1Y2z3W4v5U6',
      to: 'zzzzzzzzzzzz',
      at: at(2),
      by: diego
    });
    expect(keyHistoryEvents([version(1, { KeyHash: HASH.toUpperCase() }), version(2)])).toHaveLength(1);
  });

  it('a Status neither exactly Active nor exactly Revoked is flagged where it starts, once; Active with a revoker recorded too', () => {
    const events = keyHistoryEvents([version(1), version(2, { Status: 'active ', CreatedBy: DIEGO }), version(3, { Status: 'active ', Title: 'Renamed' })]);
    expect(events.filter((e) => e.kind === 'tampered')).toEqual([{ kind: 'tampered', reason: 'malformed-status', version: 2, to: 'active ', at: at(2), by: diego }]);
    const withRevoker = keyHistoryEvents([version(1, { RevokedBy: { LookupId: 18, LookupValue: 'Diego Siciliani' } })]);
    expect(withRevoker[1]).toMatchObject({ kind: 'tampered', reason: 'malformed-status', version: 1, to: 'Active' });
    expect(keyHistoryEvents([version(1, { Status: null })])[1]).toMatchObject({ reason: 'malformed-status', to: '' });
  });

  it('deleted versions are an entry of their own, naming the gap, with nobody to blame; no created entry without version 1', () => {
    expect(keyHistoryEvents([version(1), version(4, { Title: 'Later' })])).toEqual([
      { kind: 'created', version: 1, name: 'Order sync', permission: 'ReadOnly', at: at(1), by: adele },
      { kind: 'tampered', reason: 'unreadable-history', version: 4, from: '2', to: '3' },
      { kind: 'renamed', version: 4, from: 'Order sync', to: 'Later', at: at(4), by: adele }
    ]);
    expect(keyHistoryEvents([version(3)])).toEqual([{ kind: 'tampered', reason: 'unreadable-history', version: 3, from: '1', to: '2' }]);
  });

  it('no versions, no entries', () => {
    expect(keyHistoryEvents([])).toEqual([]);
  });
});

describe('keyHistoryEvents: expiry brought forward and rolled keys', () => {
  it('an expiry brought forward (from a date, and from none) is its own entry with from, to, who and when; pushed later is tampering', () => {
    const versions = [
      version(1, { Expires: null }),
      version(2, { Expires: '2026-09-01T00:00:00Z', CreatedBy: ALEX }),
      version(3, { Expires: '2026-06-01T00:00:00Z' }),
      version(4, { Expires: '2027-01-01T00:00:00Z', CreatedBy: DIEGO })
    ];
    expect(keyHistoryEvents(versions)).toEqual([
      { kind: 'created', version: 1, name: 'Order sync', permission: 'ReadOnly', at: at(1), by: adele },
      { kind: 'expiry-brought-forward', version: 2, to: new Date('2026-09-01T00:00:00Z'), at: at(2), by: alex },
      { kind: 'expiry-brought-forward', version: 3, from: new Date('2026-09-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z'), at: at(3), by: adele },
      { kind: 'tampered', reason: 'expiry-extended', version: 4, from: '2026-06-01T00:00:00Z', to: '2027-01-01T00:00:00Z', at: at(4), by: diego }
    ]);
  });

  it('an expiry removed is tampering; an unchanged expiry adds nothing', () => {
    const events = keyHistoryEvents([version(1, { Expires: '2026-06-01T00:00:00Z' }), version(2, { Expires: '2026-06-01T00:00:00Z', Title: 'Orders' }), version(3, { Expires: null, Title: 'Orders', CreatedBy: DIEGO })]);
    expect(events.map((e) => (e.kind === 'tampered' ? `tampered:${e.reason}:${e.from}>${e.to}` : e.kind))).toEqual(['created', 'renamed', 'tampered:expiry-extended:2026-06-01T00:00:00Z>']);
  });

  it('a rolled key starts with the key it replaced (name and ending when the store read them, else the id); a changed link is tampering', () => {
    const versions = [version(1, { RolledFromId: 4 }), version(2, { RolledFromId: 9, CreatedBy: DIEGO })];
    expect(keyHistoryEvents(versions, { id: 4, name: 'Order sync', tail: 'aaaaBBBBcccc' })).toEqual([
      { kind: 'created', version: 1, name: 'Order sync', permission: 'ReadOnly', at: at(1), by: adele },
      { kind: 'rolled-from', version: 1, from: { id: 4, name: 'Order sync', tail: 'aaaaBBBBcccc' }, at: at(1), by: adele },
      { kind: 'tampered', reason: 'rolled-from-changed', version: 2, from: '4', to: '9', at: at(2), by: diego }
    ]);
    expect(keyHistoryEvents([version(1, { RolledFromId: 4 })])[1]).toMatchObject({ kind: 'rolled-from', from: { id: 4 } });
  });
});

describe('withReplacements: the old key links to its replacements', () => {
  const replacement = { key: { id: 30, name: 'Order sync', tail: 'zzzzYYYYxxxx' }, at: new Date('2026-03-02T12:00:00Z'), by: alex };

  it('rolled with a grace period: placed by time, before the expiry its roll brought forward, and says when the old key ends', () => {
    const versions = [version(1), version(2, { Expires: '2026-03-09T12:00:00Z', Created: '2026-03-02T12:00:01Z', CreatedBy: ALEX })];
    const events = withReplacements(keyHistoryEvents(versions), versions, [replacement]);
    expect(events.map((e) => e.kind)).toEqual(['created', 'rolled-to', 'expiry-brought-forward']);
    expect(events[1]).toEqual({ kind: 'rolled-to', version: 1, to: replacement.key, revoked: false, ends: new Date('2026-03-09T12:00:00Z'), at: replacement.at, by: alex });
  });

  it('rolled with "now": the entry says revoked, and the revocation follows it', () => {
    const versions = [version(1), version(2, { Status: 'Revoked', Created: '2026-03-02T12:00:01Z' }), version(3, { Status: 'Revoked', RevokedAt: '2026-03-02T12:00:01Z', Created: '2026-03-02T12:00:02Z' })];
    const events = withReplacements(keyHistoryEvents(versions), versions, [replacement]);
    expect(events.map((e) => e.kind)).toEqual(['created', 'rolled-to', 'revoked']);
    expect(events[1]).toMatchObject({ revoked: true });
    expect(events[1]).not.toHaveProperty('ends');
  });

  it('a roll whose second write failed: the old key still active without an end; no replacement changes nothing', () => {
    const versions = [version(1)];
    const events = withReplacements(keyHistoryEvents(versions), versions, [replacement]);
    expect(events[1]).toEqual({ kind: 'rolled-to', version: 1, to: replacement.key, revoked: false, at: replacement.at, by: alex });
    const alone = keyHistoryEvents(versions);
    expect(withReplacements(alone, versions, [])).toBe(alone);
  });
});
