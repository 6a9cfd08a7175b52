import Header from '@cloudscape-design/components/header';
import AppLayout from '@cloudscape-design/components/app-layout-toolbar';
import SideNavigation from '@cloudscape-design/components/side-navigation';
import Spinner from '@cloudscape-design/components/spinner';
import { lazy, Suspense, useState } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { BASENAME } from './pages/commons/base';

// One chunk per page: the first screen loads only the shell and its own page.
const InstancesPage = lazy(() => import('./pages/instances'));
const InstancePage = lazy(() => import('./pages/instance'));
const UpgradePage = lazy(() => import('./pages/upgrade'));
const TaskPage = lazy(() => import('./pages/task'));
const TasksPage = lazy(() => import('./pages/tasks'));
const CampaignsPage = lazy(() => import('./pages/campaigns'));
const CampaignCreatePage = lazy(() => import('./pages/campaign-create'));
const CampaignPage = lazy(() => import('./pages/campaign'));

export function App() {
  const navigate = useNavigate();
  const location = useLocation();
  const [navigationOpen, setNavigationOpen] = useState(window.innerWidth > 688);
  const active = location.pathname.startsWith('/tasks')
    ? '/tasks'
    : location.pathname.startsWith('/campaigns')
      ? '/campaigns'
      : '/';
  return (
    <AppLayout
      navigationOpen={navigationOpen}
      onNavigationChange={(e) => setNavigationOpen(e.detail.open)}
      toolsHide
      ariaLabels={{
        navigation: 'Navigation',
        navigationClose: 'Close navigation',
        navigationToggle: 'Open navigation',
      }}
      navigation={
        <SideNavigation
          header={{ text: 'sqlup', href: BASENAME + '/' }}
          activeHref={BASENAME + active}
          onFollow={(e) => {
            e.preventDefault();
            navigate(e.detail.href.slice(BASENAME.length) || '/');
          }}
          items={[
            { type: 'link', text: 'Instances', href: BASENAME + '/' },
            { type: 'link', text: 'Upgrade tasks', href: BASENAME + '/tasks' },
            { type: 'link', text: 'Campaigns', href: BASENAME + '/campaigns' },
          ]}
        />
      }
      content={
        <Suspense fallback={<Spinner size="large" />}>
          <Routes>
            <Route path="/" element={<InstancesPage />} />
            <Route path="/instances" element={<InstancesPage />} />
            <Route path="/instances/:instanceId" element={<InstancePage />} />
            <Route path="/instances/:instanceId/upgrade" element={<UpgradePage />} />
            <Route path="/tasks" element={<TasksPage />} />
            <Route path="/tasks/:taskId" element={<TaskPage />} />
            <Route path="/campaigns" element={<CampaignsPage />} />
            <Route path="/campaigns/new" element={<CampaignCreatePage />} />
            <Route path="/campaigns/:campaignId" element={<CampaignPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      }
    />
  );
}

function NotFound() {
  return <Header variant="h1">Page not found</Header>;
}
