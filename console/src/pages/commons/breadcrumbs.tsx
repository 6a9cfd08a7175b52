import BreadcrumbGroup, { BreadcrumbGroupProps } from '@cloudscape-design/components/breadcrumb-group';
import { useNavigate } from 'react-router-dom';
import { BASENAME } from './base';

/** Breadcrumbs whose links go through the client router (no page reload); hrefs are real URLs. */
export function Breadcrumbs({ items }: { items: BreadcrumbGroupProps.Item[] }) {
  const navigate = useNavigate();
  const all = [{ text: 'sqlup', href: '/' }, ...items].map((i) => ({ ...i, href: BASENAME + i.href }));
  return (
    <BreadcrumbGroup
      items={all}
      ariaLabel="Breadcrumbs"
      onFollow={(e) => {
        e.preventDefault();
        navigate(e.detail.href.slice(BASENAME.length) || '/');
      }}
    />
  );
}
