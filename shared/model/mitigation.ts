/**
 * Commands that usually mean mitigation has started: the milestone suggestions (Node side) and the
 * write-up's Recovery draft read commands the same way.
 */
export const MITIGATION_COMMAND = /\b(systemctl\s+(re)?start|service\s+\S+\s+(re)?start|restart|rollback|roll\s+back|revert|failover|promote|scale|drain|kubectl\s+rollout\s+undo|reboot)\b/i;
