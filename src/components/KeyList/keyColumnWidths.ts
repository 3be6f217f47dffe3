import type { KeyColumn } from '../../core';
import type { KeyListLayout } from './keyCells';

/** A column of the list: the ten key columns and the row's "⋯" menu. */
export type ListColumnKey = KeyColumn | 'actions';

// [min, max] widths. Full: every column, with date and time, each title fitting in English and French
// with its sort arrow and chevron (checked in tests/e2e/keyList.test.ts). Folded: Status carries the
// revocation ("Revoked Nov 22 by Alex Wilber"), Date Created and Expires the day only, and the list may scroll
// sideways inside itself (Expires and Last used are what an admin works on: they stay). Cut text keeps a tooltip.
const FULL_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [150, 320],
  actions: [32, 32],
  tail: [116, 130],
  status: [88, 110],
  expires: [154, 180],
  lastUsed: [162, 180],
  permission: [136, 150],
  created: [154, 180],
  createdBy: [130, 200],
  revokedAt: [170, 190],
  revokedBy: [138, 200]
};
const FOLDED_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [128, 220],
  actions: [32, 32],
  tail: [112, 130],
  status: [140, 260],
  expires: [96, 130],
  lastUsed: [112, 140],
  permission: [128, 140],
  created: [142, 150],
  createdBy: [130, 200]
};
const COMPACT_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [200, 2000],
  actions: [32, 32]
};
/** Each layout's columns, [min, max] px. */
export const COLUMN_WIDTHS: Record<KeyListLayout, Partial<Record<ListColumnKey, [number, number]>>> = { full: FULL_WIDTHS, folded: FOLDED_WIDTHS, compact: COMPACT_WIDTHS };
