/**
 * The approved write-up: what "the rendered write-up" is, its hash, the bytes an approval covered,
 * and the published file (those bytes under a front matter naming the approval). Every part of the
 * review renders the write-up through renderWriteup() here, so one place decides which renderer
 * that is.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Incident, JournalEvent } from '../../shared/model/incident';
import type { Approval, ReviewStatus } from '../../shared/model/review';
import { approvalsDir } from '../core/data-layout';
import { ownPrivateDir, writeFileAtomic } from '../journal/files';
import { errnoCode } from '../journal/errors';
import { renderExport } from './write';

/** The write-up as reviewers read it and approvers sign it: today's Markdown export. */
export async function renderWriteup(dataDir: string, incident: Incident, events: readonly JournalEvent[]): Promise<string> {
  return renderExport({ dataDir, incident, events, format: 'md' });
}

export function sha256(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function approvedFile(dataDir: string, id: string, sha: string): string {
  return path.join(approvalsDir(dataDir, id), `${sha}.md`);
}

/** Keeps the approved bytes (named by their hash), so publishing later cannot pick up newer events. */
export async function keepApproved(dataDir: string, id: string, text: string): Promise<string> {
  const sha = sha256(text);
  await ownPrivateDir(path.dirname(approvedFile(dataDir, id, sha)));
  await writeFileAtomic(approvedFile(dataDir, id, sha), text);
  return sha;
}

/** The bytes an approval covered, checked against its hash; a UserError-worthy message when they are gone or altered. */
export async function readApproved(dataDir: string, id: string, approval: Approval): Promise<{ bytes: Buffer } | { error: string }> {
  const file = approvedFile(dataDir, id, approval.sha256);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return { error: `${file}: the approved write-up of #${approval.seq} is missing; reopen and approve again` };
    throw err;
  }
  const actual = sha256(bytes);
  if (actual !== approval.sha256) return { error: `${file}: sha256 ${actual} is not the approved ${approval.sha256} (#${approval.seq}): the file was changed; reopen and approve again` };
  return { bytes };
}

/** The front matter a published write-up starts with. JSON strings are valid YAML scalars, so the actor's name cannot break it. */
export function publishedFrontMatter(id: string, approval: Approval): string {
  return [
    '---',
    `incident: ${JSON.stringify(id)}`,
    `approved_sha256: ${approval.sha256}`,
    `journal_head: ${approval.head}`,
    `approved_by: ${JSON.stringify(approval.approver)}`,
    `approved_at: ${approval.ts}`,
    `approval_seq: ${approval.seq}`,
    '---',
    '',
  ].join('\n');
}

export function publishedFile(exportsDir: string, id: string): string {
  return path.join(exportsDir, `${id}.published.md`);
}

export interface PublishedVerification {
  ok: boolean;
  /** What the file was compared with, when there is an approval. */
  approval?: Approval;
  error?: string;
}

/**
 * Whether `bytes` are the published form of the approval in force, byte for byte: the exact front
 * matter, then content whose sha256 is the approved one.
 */
export function verifyPublished(bytes: Buffer, id: string, review: ReviewStatus): PublishedVerification {
  const approval = review.approval;
  if (!approval) {
    const last = review.lastApproval;
    if (!last) return { ok: false, error: `the write-up of ${id} has not been approved` };
    return { ok: false, approval: last, error: `the approval #${last.seq} was withdrawn: the write-up was reopened at #${review.since?.seq ?? '?'}` };
  }
  const head = Buffer.from(publishedFrontMatter(id, approval));
  if (!bytes.subarray(0, head.length).equals(head)) {
    const claimed = /^approved_sha256: ([0-9a-f]{64})$/m.exec(bytes.subarray(0, 2048).toString('utf8'))?.[1];
    const why = !bytes.subarray(0, 4).equals(Buffer.from('---\n'))
      ? 'it has no front matter naming an approval'
      : claimed && claimed !== approval.sha256
        ? `its front matter names approved_sha256 ${claimed}, but the approval in force is ${approval.sha256}`
        : 'its front matter is not the one written on publishing';
    return { ok: false, approval, error: `not the approved write-up (#${approval.seq}): ${why}` };
  }
  const actual = sha256(bytes.subarray(head.length));
  if (actual !== approval.sha256) return { ok: false, approval, error: `not the approved write-up (#${approval.seq}): the content's sha256 is ${actual}, the approved one is ${approval.sha256}` };
  return { ok: true, approval };
}
