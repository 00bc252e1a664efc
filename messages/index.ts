import type { Locale } from '@/lib/domain/locale';
import enAbout from './en/about.json';
import frAbout from './fr/about.json';
import enAdmin from './en/admin.json';
import frAdmin from './fr/admin.json';
import enAdminAudit from './en/admin-audit.json';
import frAdminAudit from './fr/admin-audit.json';
import enAdminEnvironments from './en/admin-environments.json';
import frAdminEnvironments from './fr/admin-environments.json';
import enAdminFreezes from './en/admin-freezes.json';
import frAdminFreezes from './fr/admin-freezes.json';
import enAdminIntegrations from './en/admin-integrations.json';
import frAdminIntegrations from './fr/admin-integrations.json';
import enAdminJobs from './en/admin-jobs.json';
import frAdminJobs from './fr/admin-jobs.json';
import enAdminPolicy from './en/admin-policy.json';
import frAdminPolicy from './fr/admin-policy.json';
import enAdminSso from './en/admin-sso.json';
import frAdminSso from './fr/admin-sso.json';
import enAdminTeams from './en/admin-teams.json';
import frAdminTeams from './fr/admin-teams.json';
import enAdminUsers from './en/admin-users.json';
import frAdminUsers from './fr/admin-users.json';
import enAnnouncements from './en/announcements.json';
import frAnnouncements from './fr/announcements.json';
import enApprovals from './en/approvals.json';
import frApprovals from './fr/approvals.json';
import enBackout from './en/backout.json';
import frBackout from './fr/backout.json';
import enBuilds from './en/builds.json';
import frBuilds from './fr/builds.json';
import enCabAgenda from './en/cab-agenda.json';
import frCabAgenda from './fr/cab-agenda.json';
import enCalendar from './en/calendar.json';
import frCalendar from './fr/calendar.json';
import enCatalog from './en/catalog.json';
import frCatalog from './fr/catalog.json';
import enComponents from './en/components.json';
import frComponents from './fr/components.json';
import enDashboard from './en/dashboard.json';
import frDashboard from './fr/dashboard.json';
import enDeployments from './en/deployments.json';
import frDeployments from './fr/deployments.json';
import enDiscussion from './en/discussion.json';
import frDiscussion from './fr/discussion.json';
import enDomainApprovals from './en/domain-approvals.json';
import frDomainApprovals from './fr/domain-approvals.json';
import enDomainDora from './en/domain-dora.json';
import frDomainDora from './fr/domain-dora.json';
import enDomainEvents from './en/domain-events.json';
import frDomainEvents from './fr/domain-events.json';
import enDomainFreeze from './en/domain-freeze.json';
import frDomainFreeze from './fr/domain-freeze.json';
import enDomainPageAccess from './en/domain-page-access.json';
import frDomainPageAccess from './fr/domain-page-access.json';
import enDomainPolicy from './en/domain-policy.json';
import frDomainPolicy from './fr/domain-policy.json';
import enDomainPolicyDiff from './en/domain-policy-diff.json';
import frDomainPolicyDiff from './fr/domain-policy-diff.json';
import enDomainRecurrence from './en/domain-recurrence.json';
import frDomainRecurrence from './fr/domain-recurrence.json';
import enDomainReleaseMetrics from './en/domain-release-metrics.json';
import frDomainReleaseMetrics from './fr/domain-release-metrics.json';
import enDomainReleaseParts from './en/domain-release-parts.json';
import frDomainReleaseParts from './fr/domain-release-parts.json';
import enDomainRiskLevel from './en/domain-risk-level.json';
import frDomainRiskLevel from './fr/domain-risk-level.json';
import enDomainScheduling from './en/domain-scheduling.json';
import frDomainScheduling from './fr/domain-scheduling.json';
import enDomainTemplates from './en/domain-templates.json';
import frDomainTemplates from './fr/domain-templates.json';
import enDomainTimeline from './en/domain-timeline.json';
import frDomainTimeline from './fr/domain-timeline.json';
import enDomainTrains from './en/domain-trains.json';
import frDomainTrains from './fr/domain-trains.json';
import enDomainWorkItems from './en/domain-work-items.json';
import frDomainWorkItems from './fr/domain-work-items.json';
import enEmail from './en/email.json';
import frEmail from './fr/email.json';
import enEnvironments from './en/environments.json';
import frEnvironments from './fr/environments.json';
import enErrors from './en/errors.json';
import frErrors from './fr/errors.json';
import enFormat from './en/format.json';
import frFormat from './fr/format.json';
import enForms from './en/forms.json';
import frForms from './fr/forms.json';
import enFreezes from './en/freezes.json';
import frFreezes from './fr/freezes.json';
import enGates from './en/gates.json';
import frGates from './fr/gates.json';
import enHandover from './en/handover.json';
import frHandover from './fr/handover.json';
import enInsights from './en/insights.json';
import frInsights from './fr/insights.json';
import enLanguage from './en/language.json';
import frLanguage from './fr/language.json';
import enNav from './en/nav.json';
import frNav from './fr/nav.json';
import enNotifications from './en/notifications.json';
import frNotifications from './fr/notifications.json';
import enPackages from './en/packages.json';
import frPackages from './fr/packages.json';
import enPolicy from './en/policy.json';
import frPolicy from './fr/policy.json';
import enProfile from './en/profile.json';
import frProfile from './fr/profile.json';
import enReleaseForms from './en/release-forms.json';
import frReleaseForms from './fr/release-forms.json';
import enReleaseNotes from './en/release-notes.json';
import frReleaseNotes from './fr/release-notes.json';
import enReleasePage from './en/release-page.json';
import frReleasePage from './fr/release-page.json';
import enReleaseParts from './en/release-parts.json';
import frReleaseParts from './fr/release-parts.json';
import enReleasePlan from './en/release-plan.json';
import frReleasePlan from './fr/release-plan.json';
import enReleases from './en/releases.json';
import frReleases from './fr/releases.json';
import enReview from './en/review.json';
import frReview from './fr/review.json';
import enRoute from './en/route.json';
import frRoute from './fr/route.json';
import enSchedule from './en/schedule.json';
import frSchedule from './fr/schedule.json';
import enSearch from './en/search.json';
import frSearch from './fr/search.json';
import enServerAction from './en/server-action.json';
import frServerAction from './fr/server-action.json';
import enServerAnnouncements from './en/server-announcements.json';
import frServerAnnouncements from './fr/server-announcements.json';
import enServerApi from './en/server-api.json';
import frServerApi from './fr/server-api.json';
import enServerApiSchemas from './en/server-api-schemas.json';
import frServerApiSchemas from './fr/server-api-schemas.json';
import enServerApiTokens from './en/server-api-tokens.json';
import frServerApiTokens from './fr/server-api-tokens.json';
import enServerApprovals from './en/server-approvals.json';
import frServerApprovals from './fr/server-approvals.json';
import enServerAuthz from './en/server-authz.json';
import frServerAuthz from './fr/server-authz.json';
import enServerBackout from './en/server-backout.json';
import frServerBackout from './fr/server-backout.json';
import enServerBuilds from './en/server-builds.json';
import frServerBuilds from './fr/server-builds.json';
import enServerCabAgenda from './en/server-cab-agenda.json';
import frServerCabAgenda from './fr/server-cab-agenda.json';
import enServerCalendar from './en/server-calendar.json';
import frServerCalendar from './fr/server-calendar.json';
import enServerCalendarPreferences from './en/server-calendar-preferences.json';
import frServerCalendarPreferences from './fr/server-calendar-preferences.json';
import enServerChannels from './en/server-channels.json';
import frServerChannels from './fr/server-channels.json';
import enServerComments from './en/server-comments.json';
import frServerComments from './fr/server-comments.json';
import enServerComponents from './en/server-components.json';
import frServerComponents from './fr/server-components.json';
import enServerDeployments from './en/server-deployments.json';
import frServerDeployments from './fr/server-deployments.json';
import enServerEnvironments from './en/server-environments.json';
import frServerEnvironments from './fr/server-environments.json';
import enServerErrors from './en/server-errors.json';
import frServerErrors from './fr/server-errors.json';
import enServerFreezes from './en/server-freezes.json';
import frServerFreezes from './fr/server-freezes.json';
import enServerHandover from './en/server-handover.json';
import frServerHandover from './fr/server-handover.json';
import enServerInsights from './en/server-insights.json';
import frServerInsights from './fr/server-insights.json';
import enServerIntegrations from './en/server-integrations.json';
import frServerIntegrations from './fr/server-integrations.json';
import enServerLocale from './en/server-locale.json';
import frServerLocale from './fr/server-locale.json';
import enServerNotificationPreferences from './en/server-notification-preferences.json';
import frServerNotificationPreferences from './fr/server-notification-preferences.json';
import enServerNotifications from './en/server-notifications.json';
import frServerNotifications from './fr/server-notifications.json';
import enServerPackages from './en/server-packages.json';
import frServerPackages from './fr/server-packages.json';
import enServerPageAccess from './en/server-page-access.json';
import frServerPageAccess from './fr/server-page-access.json';
import enServerPasswordStrength from './en/server-password-strength.json';
import frServerPasswordStrength from './fr/server-password-strength.json';
import enServerPlan from './en/server-plan.json';
import frServerPlan from './fr/server-plan.json';
import enServerPolicy from './en/server-policy.json';
import frServerPolicy from './fr/server-policy.json';
import enServerPolicyRead from './en/server-policy-read.json';
import frServerPolicyRead from './fr/server-policy-read.json';
import enServerProfile from './en/server-profile.json';
import frServerProfile from './fr/server-profile.json';
import enServerReleaseChildren from './en/server-release-children.json';
import frServerReleaseChildren from './fr/server-release-children.json';
import enServerReleaseEdits from './en/server-release-edits.json';
import frServerReleaseEdits from './fr/server-release-edits.json';
import enServerReleaseManagers from './en/server-release-managers.json';
import frServerReleaseManagers from './fr/server-release-managers.json';
import enServerReleaseRef from './en/server-release-ref.json';
import frServerReleaseRef from './fr/server-release-ref.json';
import enServerReleases from './en/server-releases.json';
import frServerReleases from './fr/server-releases.json';
import enServerReviews from './en/server-reviews.json';
import frServerReviews from './fr/server-reviews.json';
import enServerRisks from './en/server-risks.json';
import frServerRisks from './fr/server-risks.json';
import enServerSavedFilters from './en/server-saved-filters.json';
import frServerSavedFilters from './fr/server-saved-filters.json';
import enServerScheduling from './en/server-scheduling.json';
import frServerScheduling from './fr/server-scheduling.json';
import enServerScopeChanges from './en/server-scope-changes.json';
import frServerScopeChanges from './fr/server-scope-changes.json';
import enServerSearch from './en/server-search.json';
import frServerSearch from './fr/server-search.json';
import enServerSessions from './en/server-sessions.json';
import frServerSessions from './fr/server-sessions.json';
import enServerSignIn from './en/server-sign-in.json';
import frServerSignIn from './fr/server-sign-in.json';
import enServerSsoAdmin from './en/server-sso-admin.json';
import frServerSsoAdmin from './fr/server-sso-admin.json';
import enServerStandardChanges from './en/server-standard-changes.json';
import frServerStandardChanges from './fr/server-standard-changes.json';
import enServerTeams from './en/server-teams.json';
import frServerTeams from './fr/server-teams.json';
import enServerTemplates from './en/server-templates.json';
import frServerTemplates from './fr/server-templates.json';
import enServerTheme from './en/server-theme.json';
import frServerTheme from './fr/server-theme.json';
import enServerTrains from './en/server-trains.json';
import frServerTrains from './fr/server-trains.json';
import enServerTransitions from './en/server-transitions.json';
import frServerTransitions from './fr/server-transitions.json';
import enServerUsers from './en/server-users.json';
import frServerUsers from './fr/server-users.json';
import enServerVersioned from './en/server-versioned.json';
import frServerVersioned from './fr/server-versioned.json';
import enServerWatchers from './en/server-watchers.json';
import frServerWatchers from './fr/server-watchers.json';
import enServerWhatsNew from './en/server-whats-new.json';
import frServerWhatsNew from './fr/server-whats-new.json';
import enSessions from './en/sessions.json';
import frSessions from './fr/sessions.json';
import enSignIn from './en/sign-in.json';
import frSignIn from './fr/sign-in.json';
import enStatuses from './en/statuses.json';
import frStatuses from './fr/statuses.json';
import enTell from './en/tell.json';
import frTell from './fr/tell.json';
import enTemplates from './en/templates.json';
import frTemplates from './fr/templates.json';
import enTimeline from './en/timeline.json';
import frTimeline from './fr/timeline.json';
import enTrains from './en/trains.json';
import frTrains from './fr/trains.json';
import enUi from './en/ui.json';
import frUi from './fr/ui.json';
import enUnsubscribe from './en/unsubscribe.json';
import frUnsubscribe from './fr/unsubscribe.json';
import enWhatsNew from './en/whats-new.json';
import frWhatsNew from './fr/whats-new.json';

// Every catalogue, one JSON file per namespace per language (docs/decisions/057-english-and-french.md).
// Written by scripts/messages-index.mjs from the files on disk: add a namespace's two files and run it.
// The English file is the type every t() call is checked against, and tests/unit/messages.test.ts checks
// that French has the same keys and arguments. Server-only: never import this from a client
// component (both languages would ship); client components get theirs from <ClientMessages>.
export const CATALOGUES = {
  about: { en: enAbout, fr: frAbout },
  admin: { en: enAdmin, fr: frAdmin },
  'admin-audit': { en: enAdminAudit, fr: frAdminAudit },
  'admin-environments': { en: enAdminEnvironments, fr: frAdminEnvironments },
  'admin-freezes': { en: enAdminFreezes, fr: frAdminFreezes },
  'admin-integrations': { en: enAdminIntegrations, fr: frAdminIntegrations },
  'admin-jobs': { en: enAdminJobs, fr: frAdminJobs },
  'admin-policy': { en: enAdminPolicy, fr: frAdminPolicy },
  'admin-sso': { en: enAdminSso, fr: frAdminSso },
  'admin-teams': { en: enAdminTeams, fr: frAdminTeams },
  'admin-users': { en: enAdminUsers, fr: frAdminUsers },
  announcements: { en: enAnnouncements, fr: frAnnouncements },
  approvals: { en: enApprovals, fr: frApprovals },
  backout: { en: enBackout, fr: frBackout },
  builds: { en: enBuilds, fr: frBuilds },
  'cab-agenda': { en: enCabAgenda, fr: frCabAgenda },
  calendar: { en: enCalendar, fr: frCalendar },
  catalog: { en: enCatalog, fr: frCatalog },
  components: { en: enComponents, fr: frComponents },
  dashboard: { en: enDashboard, fr: frDashboard },
  deployments: { en: enDeployments, fr: frDeployments },
  discussion: { en: enDiscussion, fr: frDiscussion },
  'domain-approvals': { en: enDomainApprovals, fr: frDomainApprovals },
  'domain-dora': { en: enDomainDora, fr: frDomainDora },
  'domain-events': { en: enDomainEvents, fr: frDomainEvents },
  'domain-freeze': { en: enDomainFreeze, fr: frDomainFreeze },
  'domain-page-access': { en: enDomainPageAccess, fr: frDomainPageAccess },
  'domain-policy': { en: enDomainPolicy, fr: frDomainPolicy },
  'domain-policy-diff': { en: enDomainPolicyDiff, fr: frDomainPolicyDiff },
  'domain-recurrence': { en: enDomainRecurrence, fr: frDomainRecurrence },
  'domain-release-metrics': { en: enDomainReleaseMetrics, fr: frDomainReleaseMetrics },
  'domain-release-parts': { en: enDomainReleaseParts, fr: frDomainReleaseParts },
  'domain-risk-level': { en: enDomainRiskLevel, fr: frDomainRiskLevel },
  'domain-scheduling': { en: enDomainScheduling, fr: frDomainScheduling },
  'domain-templates': { en: enDomainTemplates, fr: frDomainTemplates },
  'domain-timeline': { en: enDomainTimeline, fr: frDomainTimeline },
  'domain-trains': { en: enDomainTrains, fr: frDomainTrains },
  'domain-work-items': { en: enDomainWorkItems, fr: frDomainWorkItems },
  email: { en: enEmail, fr: frEmail },
  environments: { en: enEnvironments, fr: frEnvironments },
  errors: { en: enErrors, fr: frErrors },
  format: { en: enFormat, fr: frFormat },
  forms: { en: enForms, fr: frForms },
  freezes: { en: enFreezes, fr: frFreezes },
  gates: { en: enGates, fr: frGates },
  handover: { en: enHandover, fr: frHandover },
  insights: { en: enInsights, fr: frInsights },
  language: { en: enLanguage, fr: frLanguage },
  nav: { en: enNav, fr: frNav },
  notifications: { en: enNotifications, fr: frNotifications },
  packages: { en: enPackages, fr: frPackages },
  policy: { en: enPolicy, fr: frPolicy },
  profile: { en: enProfile, fr: frProfile },
  'release-forms': { en: enReleaseForms, fr: frReleaseForms },
  'release-notes': { en: enReleaseNotes, fr: frReleaseNotes },
  'release-page': { en: enReleasePage, fr: frReleasePage },
  'release-parts': { en: enReleaseParts, fr: frReleaseParts },
  'release-plan': { en: enReleasePlan, fr: frReleasePlan },
  releases: { en: enReleases, fr: frReleases },
  review: { en: enReview, fr: frReview },
  route: { en: enRoute, fr: frRoute },
  schedule: { en: enSchedule, fr: frSchedule },
  search: { en: enSearch, fr: frSearch },
  'server-action': { en: enServerAction, fr: frServerAction },
  'server-announcements': { en: enServerAnnouncements, fr: frServerAnnouncements },
  'server-api': { en: enServerApi, fr: frServerApi },
  'server-api-schemas': { en: enServerApiSchemas, fr: frServerApiSchemas },
  'server-api-tokens': { en: enServerApiTokens, fr: frServerApiTokens },
  'server-approvals': { en: enServerApprovals, fr: frServerApprovals },
  'server-authz': { en: enServerAuthz, fr: frServerAuthz },
  'server-backout': { en: enServerBackout, fr: frServerBackout },
  'server-builds': { en: enServerBuilds, fr: frServerBuilds },
  'server-cab-agenda': { en: enServerCabAgenda, fr: frServerCabAgenda },
  'server-calendar': { en: enServerCalendar, fr: frServerCalendar },
  'server-calendar-preferences': { en: enServerCalendarPreferences, fr: frServerCalendarPreferences },
  'server-channels': { en: enServerChannels, fr: frServerChannels },
  'server-comments': { en: enServerComments, fr: frServerComments },
  'server-components': { en: enServerComponents, fr: frServerComponents },
  'server-deployments': { en: enServerDeployments, fr: frServerDeployments },
  'server-environments': { en: enServerEnvironments, fr: frServerEnvironments },
  'server-errors': { en: enServerErrors, fr: frServerErrors },
  'server-freezes': { en: enServerFreezes, fr: frServerFreezes },
  'server-handover': { en: enServerHandover, fr: frServerHandover },
  'server-insights': { en: enServerInsights, fr: frServerInsights },
  'server-integrations': { en: enServerIntegrations, fr: frServerIntegrations },
  'server-locale': { en: enServerLocale, fr: frServerLocale },
  'server-notification-preferences': { en: enServerNotificationPreferences, fr: frServerNotificationPreferences },
  'server-notifications': { en: enServerNotifications, fr: frServerNotifications },
  'server-packages': { en: enServerPackages, fr: frServerPackages },
  'server-page-access': { en: enServerPageAccess, fr: frServerPageAccess },
  'server-password-strength': { en: enServerPasswordStrength, fr: frServerPasswordStrength },
  'server-plan': { en: enServerPlan, fr: frServerPlan },
  'server-policy': { en: enServerPolicy, fr: frServerPolicy },
  'server-policy-read': { en: enServerPolicyRead, fr: frServerPolicyRead },
  'server-profile': { en: enServerProfile, fr: frServerProfile },
  'server-release-children': { en: enServerReleaseChildren, fr: frServerReleaseChildren },
  'server-release-edits': { en: enServerReleaseEdits, fr: frServerReleaseEdits },
  'server-release-managers': { en: enServerReleaseManagers, fr: frServerReleaseManagers },
  'server-release-ref': { en: enServerReleaseRef, fr: frServerReleaseRef },
  'server-releases': { en: enServerReleases, fr: frServerReleases },
  'server-reviews': { en: enServerReviews, fr: frServerReviews },
  'server-risks': { en: enServerRisks, fr: frServerRisks },
  'server-saved-filters': { en: enServerSavedFilters, fr: frServerSavedFilters },
  'server-scheduling': { en: enServerScheduling, fr: frServerScheduling },
  'server-scope-changes': { en: enServerScopeChanges, fr: frServerScopeChanges },
  'server-search': { en: enServerSearch, fr: frServerSearch },
  'server-sessions': { en: enServerSessions, fr: frServerSessions },
  'server-sign-in': { en: enServerSignIn, fr: frServerSignIn },
  'server-sso-admin': { en: enServerSsoAdmin, fr: frServerSsoAdmin },
  'server-standard-changes': { en: enServerStandardChanges, fr: frServerStandardChanges },
  'server-teams': { en: enServerTeams, fr: frServerTeams },
  'server-templates': { en: enServerTemplates, fr: frServerTemplates },
  'server-theme': { en: enServerTheme, fr: frServerTheme },
  'server-trains': { en: enServerTrains, fr: frServerTrains },
  'server-transitions': { en: enServerTransitions, fr: frServerTransitions },
  'server-users': { en: enServerUsers, fr: frServerUsers },
  'server-versioned': { en: enServerVersioned, fr: frServerVersioned },
  'server-watchers': { en: enServerWatchers, fr: frServerWatchers },
  'server-whats-new': { en: enServerWhatsNew, fr: frServerWhatsNew },
  sessions: { en: enSessions, fr: frSessions },
  'sign-in': { en: enSignIn, fr: frSignIn },
  statuses: { en: enStatuses, fr: frStatuses },
  tell: { en: enTell, fr: frTell },
  templates: { en: enTemplates, fr: frTemplates },
  timeline: { en: enTimeline, fr: frTimeline },
  trains: { en: enTrains, fr: frTrains },
  ui: { en: enUi, fr: frUi },
  unsubscribe: { en: enUnsubscribe, fr: frUnsubscribe },
  'whats-new': { en: enWhatsNew, fr: frWhatsNew },
} satisfies Record<string, Record<Locale, unknown>>;

export type Namespace = keyof typeof CATALOGUES;
export type Messages = { [N in Namespace]: (typeof CATALOGUES)[N]['en'] };

/** One language's messages, every namespace merged under its name. */
export function messagesFor(locale: Locale): Messages {
  return Object.fromEntries(Object.entries(CATALOGUES).map(([ns, byLocale]) => [ns, byLocale[locale]])) as Messages;
}
