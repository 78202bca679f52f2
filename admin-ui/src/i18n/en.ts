import type { TranslationMessages } from 'react-admin';
import { enCaseResources, enCases } from './en-cases';
import { enWorkbench, enWorkbenchResources } from './en-workbench';
import { enAlerts } from '../alerts/i18n';
import { enHandover } from '../handover/i18n';
import { enReportResource, enReports } from '../reports/i18n';
import { enPartnerResource, enPartners } from '../partners/i18n';
import englishMessages from 'ra-language-english';

export const en: TranslationMessages = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    auth: { ...englishMessages.ra.auth, username: 'Email' },
  },
  resources: {
    reports: enReportResource,
    'staff-activity': { name: 'Activity by staff member' },
    partners: enPartnerResource,
    ...enCaseResources,
    ...enWorkbenchResources,
    'staff-users': {
      name: 'Staff member |||| Staff',
      fields: {
        email: 'Email',
        displayName: 'Display name',
        role: 'Role',
        partnerId: 'Partner ID',
        disabled: 'Disable account',
        status: 'Status',
        lockedUntil: 'Locked until',
        lastLoginAt: 'Last sign-in',
        createdAt: 'Created',
        password: 'Initial password',
        q: 'Search',
      },
    },
    'audit-log': {
      name: 'Audit log',
      fields: {
        at: 'Time',
        actorEmail: 'By',
        actorId: 'Actor ID',
        action: 'Action',
        targetType: 'Target type',
        targetId: 'Target ID',
        details: 'Details',
      },
    },
  },
  reports: enReports,
  alerts: enAlerts,
  handover: enHandover,
  workbench: enWorkbench,
  yorisoi: {
    ...enCases,
    partners: enPartners,
    serviceName: 'Yorisoi consultation dashboard',
    staffActivity: {
      title: 'Activity by staff member',
      explain: 'For consultations opened in the period, per staff member: cases handled, time to the first reply (business-hours minutes, median) and alerts acknowledged. Counts below %{threshold} show as "<%{threshold}", counts that would reveal them as "X", and medians over fewer than %{threshold} cases as "－".',
      staff: 'Staff member',
      casesHandled: 'Cases handled',
      firstReplyMedianMinutes: 'First reply (minutes, median)',
      alertsAcknowledged: 'Alerts acknowledged',
      none: 'No staff member handled a case in this period.',
    },
    devMails: {
      title: 'Sent mail (development)',
      explain: 'In development, mail is kept here instead of being sent over SMTP (on-call alerts, reminders, partner notifications). Production has no such screen.',
      off: 'The development mail catcher (DEV_MAIL_CATCHER) is off.',
      none: 'No mail yet.',
      meta: 'To: %{to} · From: %{from}',
    },
    roles: {
      admin: 'Administrator',
      supervisor: 'Supervisor',
      staff: 'Counsellor',
      partner: 'Partner organisation',
      official: 'City official',
    },
    dashboard: {
      greeting: 'Hello, %{name}.',
      role: 'Your role: %{role}',
      comingSoon: 'The screens for your role are being prepared. Please check back later.',
    },
    notAvailable: {
      title: 'This page cannot be shown',
      body: 'It does not exist, or your role may not open it. Please choose from the menu on the left.',
    },
    account: {
      title: 'Account',
      code: 'Verification code',
      codeExplain: 'Enter the 6-digit code shown in your authenticator app, or a recovery code.',
      confirm: 'Verify',
      continue: 'I have saved them, continue',
      enrolTitle: 'Set up two-step verification',
      enrolExplain: 'Your role signs in with a code from an authenticator app as well as the password. Add the key below to an authenticator app (Google Authenticator, for example) and enter the 6-digit code it shows.',
      secretKey: 'Key',
      openInApp: 'Open in the authenticator app on this device',
      recoveryTitle: 'Recovery codes',
      recoveryExplain: 'Each can be used once instead of a code if you lose your device. Keep them somewhere safe: this screen is not shown again.',
      changePassword: 'Change password',
      currentPassword: 'Current password',
      newPassword: 'New password',
      passwordChanged: 'Password changed. Your other devices have been signed out.',
    },
    auth: {
      invalid_credentials: 'The email address or password (or the code) is not correct. Repeated failures lock sign-in for a while.',
      account_locked: 'Too many failed sign-ins: the account is locked for a while. Please try again later.',
      session_expired: 'Your session has expired. Please sign in again.',
    },
    errors: {
      forbidden: 'You do not have permission',
      csrf_mismatch: 'Please reload the page and try again.',
      network: 'Could not reach the server. Please check the connection.',
      check_field: 'Please check this field',
    },
    status: { active: 'Active', disabled: 'Disabled', locked: 'Locked' },
    staffUsers: {
      partnerIdHelp: 'The ID of a partner registered in the municipality settings',
      passwordHelp: 'At least 12 characters. Hand it over safely.',
      disabledHelp: 'Disabling signs the person out at once',
      auditTrail: 'View audit log',
    },
    resetPassword: {
      button: 'Reset password',
      title: 'Reset the password of %{name}',
      explain: 'Setting a new password signs this person out everywhere and clears any lock.',
      newPassword: 'New password',
      submit: 'Reset',
      done: 'The password has been reset',
    },
    audit: {
      actions: {
        auth: {
          login: 'Sign-in',
          'login-failed': 'Failed sign-in',
          'login-locked': 'Sign-in while locked',
          locked: 'Account locked',
          logout: 'Sign-out',
        },
        'staff-user': {
          create: 'Staff created',
          update: 'Staff updated',
          'reset-password': 'Password reset',
        },
      },
    },
  },
};
