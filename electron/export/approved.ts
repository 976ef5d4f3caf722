/**
 * The approved write-up: what "the rendered write-up" is, its hash, the bytes an approval covered,
 * and the published file (those bytes, their front matter opening with the approval). Every part of the
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

/**
 * The approval's lines, which open the published file's front matter. JSON strings are valid YAML
 * scalars, so the actor's name cannot break it.
 */
function approvalLines(id: string, approval: Approval): string {
  return [
    `incident: ${JSON.stringify(id)}`,
    `approved_sha256: ${approval.sha256}`,
    `journal_head: ${approval.head}`,
    `approved_by: ${JSON.stringify(approval.approver)}`,
    `approved_at: ${approval.ts}`,
    `approval_seq: ${approval.seq}`,
    '',
  ].join('\n');
}

const FENCE = Buffer.from('---\n');

/**
 * The published file: the approved bytes with the approval's lines at the top of their own front
 * matter (the write-up has one), so the document keeps a single front matter that names both.
 */
export function publishedBytes(id: string, approval: Approval, approved: Buffer): Buffer {
  const lines = Buffer.from(approvalLines(id, approval));
  if (approved.subarray(0, FENCE.length).equals(FENCE)) return Buffer.concat([FENCE, lines, approved.subarray(FENCE.length)]);
  return Buffer.concat([FENCE, lines, FENCE, approved]);
}

/** The approved bytes inside a published file, or undefined when its front matter does not open with the approval's lines. */
function approvedPart(bytes: Buffer, id: string, approval: Approval): Buffer | undefined {
  const head = Buffer.concat([FENCE, Buffer.from(approvalLines(id, approval))]);
  if (!bytes.subarray(0, head.length).equals(head)) return undefined;
  const rest = bytes.subarray(head.length);
  // Approved bytes with no front matter of their own were published under a closing fence.
  return rest.subarray(0, FENCE.length).equals(FENCE) && sha256(rest.subarray(FENCE.length)) === approval.sha256 ? rest.subarray(FENCE.length) : Buffer.concat([FENCE, rest]);
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
  const content = approvedPart(bytes, id, approval);
  if (!content) {
    const claimed = /^approved_sha256: ([0-9a-f]{64})$/m.exec(bytes.subarray(0, 2048).toString('utf8'))?.[1];
    const why = !bytes.subarray(0, 4).equals(FENCE)
      ? 'it has no front matter naming an approval'
      : claimed && claimed !== approval.sha256
        ? `its front matter names approved_sha256 ${claimed}, but the approval in force is ${approval.sha256}`
        : 'its front matter is not the one written on publishing';
    return { ok: false, approval, error: `not the approved write-up (#${approval.seq}): ${why}` };
  }
  const actual = sha256(content);
  if (actual !== approval.sha256) return { ok: false, approval, error: `not the approved write-up (#${approval.seq}): the content's sha256 is ${actual}, the approved one is ${approval.sha256}` };
  return { ok: true, approval };
}
