/**
 * Does a terminal's latest output end in a prompt for a secret? Broadcast and the timeline use this
 * to keep what the user types next (a sudo password, a key passphrase, an OTP) off the record.
 */

// The prompts sudo, su, passwd, ssh, gpg, mysql and PAM modules print, ending the output.
const SECRET_PROMPT =
  /(password|passphrase|passcode|pass phrase|\bpin\b|one-time|otp|verification code|token code|secret)[^\r\n]{0,80}[:?]\s*$/i;

/** Remove ANSI escape sequences (colour, cursor moves, OSC titles) before matching the prompt. */
export function stripAnsi(text: string): string {
  return text
    .replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, '') // OSC ... BEL/ST
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '') // CSI
    .replace(/\x1b[@-Z\\-_]/g, ''); // two-byte escapes
}

export function endsWithSecretPrompt(tail: string): boolean {
  const clean = stripAnsi(tail);
  const lastLine = clean.slice(clean.lastIndexOf('\n') + 1);
  return SECRET_PROMPT.test(lastLine);
}
