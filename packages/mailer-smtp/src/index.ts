// @roster/mailer-smtp: the Roster mailer port over SMTP. Explicit named exports only.
export { smtpMailer, type SmtpAddress, type SmtpMailer, type SmtpMailerOptions } from './smtp-mailer.js'
