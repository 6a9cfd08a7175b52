import Link, { LinkProps } from '@cloudscape-design/components/link';
import { useHref, useNavigate } from 'react-router-dom';

/** A Cloudscape link that navigates with the client router; a real href, so open-in-new-tab works. */
export function RouterLink({ to, children, ...rest }: Omit<LinkProps, 'href'> & { to: string }) {
  const navigate = useNavigate();
  const href = useHref(to);
  return (
    <Link
      {...rest}
      href={href}
      onFollow={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </Link>
  );
}
