/** The home page ('/') of users whose UI layout gives them one (the shell opens the inbox for the others). */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';

const HomePage = lazy(() => import('./HomePage.js'));

export const homeArea: Area = {
  routes: [{ pattern: '/', render: () => <Suspense fallback={<Loading />}><HomePage /></Suspense> }],
  links: [],
};
