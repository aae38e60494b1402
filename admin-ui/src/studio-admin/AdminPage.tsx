/** The administration page: a navigation between its sections and the section shown. */
import { useEffect, useRef } from 'react';
import { Link } from '../app/router.js';
import { AccessSection } from './AccessSection.js';
import { DirectoryProvider } from './directory.js';
import { RolesSection } from './RolesSection.js';
import { SharingSection } from './SharingSection.js';
import { TransferSection } from './TransferSection.js';
import { UnitsSection } from './UnitsSection.js';
import { UsersSection } from './UsersSection.js';
import './admin.css';
import { useAdminI18n, type AdminKey } from './messages.js';

const SECTIONS = {
  users: () => <UsersSection />,
  departments: () => <UnitsSection kind="departments" />,
  roles: () => <RolesSection />,
  teams: () => <UnitsSection kind="teams" />,
  territories: () => <UnitsSection kind="territories" />,
  groups: () => <UnitsSection kind="groups" />,
  sharing: () => <SharingSection />,
  access: () => <AccessSection />,
  transfer: () => <TransferSection />,
} as const;
type Section = keyof typeof SECTIONS;
const isSection = (s: string): s is Section => Object.hasOwn(SECTIONS, s);

export default function AdminPage({ section }: { section: string }) {
  const { t } = useAdminI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const current: Section | null = isSection(section) ? section : null;
  // A new section: focus its heading, so keyboard and screen-reader users start there.
  useEffect(() => heading.current?.focus(), [current]);
  const title = (s: Section) => t(`studioAdmin.section.${s}` as AdminKey);
  return (
    <div className="studio-admin">
      <nav className="tabs admin-tabs" aria-label={t('studioAdmin.nav')}>
        {(Object.keys(SECTIONS) as Section[]).map((s) => (
          <Link key={s} to={`/admin/${s}`} aria-current={s === current ? 'page' : undefined}>
            {title(s)}
          </Link>
        ))}
      </nav>
      <h1 ref={heading} tabIndex={-1}>
        {current ? title(current) : t('app.notFound')}
      </h1>
      {current && <DirectoryProvider>{SECTIONS[current]()}</DirectoryProvider>}
    </div>
  );
}
