import { PersonaInitialsColor } from '@fluentui/react';
import type { IPersonaProps } from '@fluentui/react';
import type { Person } from '../core';

// Fluent picks initials colours by name hash, and some (gold, light green, light pink...) fail WCAG AA
// with white initials; these keep at least 4.5:1 with white in every theme.
const READABLE_COLORS: PersonaInitialsColor[] = [
  PersonaInitialsColor.darkBlue,
  PersonaInitialsColor.darkGreen,
  PersonaInitialsColor.darkRed,
  PersonaInitialsColor.violet,
  PersonaInitialsColor.cyan,
  PersonaInitialsColor.rust,
  PersonaInitialsColor.magenta
];

/** Initials coin colours for a person: stable per person, readable in light, dark and high-contrast themes. */
export function personaCoinProps(person: Person): Pick<IPersonaProps, 'initialsColor' | 'initialsTextColor'> {
  return { initialsColor: READABLE_COLORS[Math.abs(person.id) % READABLE_COLORS.length], initialsTextColor: '#ffffff' };
}
