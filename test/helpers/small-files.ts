// Tiny canonical-layout files shared by tests that need some valid input and nothing more.

/** Three tickets: two solved, one open. */
export const TICKETS = [
  'ticket_id,created_at,solved_at,status,channel,touchpoint,replies',
  'T1,2025-01-01 10:00:00,2025-01-01 12:00:00,solved,email,delivery,1',
  'T2,2025-01-02 10:00:00,,open,chat,payment,3',
  'T3,2025-01-03 10:00:00,2025-01-04 10:00:00,solved,email,delivery,2',
].join('\n') + '\n';
