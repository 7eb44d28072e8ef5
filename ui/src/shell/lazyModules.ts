// The modules of the navigation, each in its own chunk: the sign-in screen
// does not wait for them, and a module's code is fetched the first time it is
// opened (the shell shows a spinner meanwhile, inside its Suspense).

import { lazy } from "react";

export const ArchiveModule = lazy(() => import("../archive/ArchiveModule").then((m) => ({ default: m.ArchiveModule })));
export const AppointmentsModule = lazy(() =>
  import("../appointments/AppointmentsModule").then((m) => ({ default: m.AppointmentsModule })),
);
export const VisitsModule = lazy(() => import("../visits/VisitsModule").then((m) => ({ default: m.VisitsModule })));
export const FollowUpModule = lazy(() => import("../followup/FollowUpModule").then((m) => ({ default: m.FollowUpModule })));
export const ComplaintsModule = lazy(() =>
  import("../complaints/ComplaintsModule").then((m) => ({ default: m.ComplaintsModule })),
);
export const CampaignsModule = lazy(() => import("../campaigns/CampaignsModule").then((m) => ({ default: m.CampaignsModule })));
export const ReportsModule = lazy(() => import("../reports/ReportsModule").then((m) => ({ default: m.ReportsModule })));
export const StaffModule = lazy(() => import("../staff/StaffModule").then((m) => ({ default: m.StaffModule })));
