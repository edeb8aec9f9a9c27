export type {
  ChangeLogEntry,
  MeetingDetail,
  MeetingSummary as Meeting,
  Organization,
  Paper,
  Person,
  ErrorResponse,
  Page,
  SessionInfo,
} from '@ratsmappe/shared';
