/**
 * A row of section links (a space's Accueil / Discussions / Documents / Tableaux…). They are
 * links, not ARIA tabs: each section has its own URL and the back button moves between them.
 */
export interface TabLink {
  id: string;
  label: string;
  href: string;
}

export function TabBar(props: { label: string; tabs: TabLink[]; current: string }) {
  return (
    <nav class="tabbar" aria-label={props.label}>
      <ul>
        {props.tabs.map((tab) => (
          <li key={tab.id}>
            <a href={tab.href} aria-current={tab.id === props.current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
