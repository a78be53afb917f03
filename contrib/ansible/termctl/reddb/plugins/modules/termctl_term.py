#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: 2026 termctl maintainers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: termctl_term
short_description: Read a database node's replication term, or adopt a newer one, with termctl
version_added: "0.1.0"
description:
  - Runs the C(termctl) installed on the managed host against one node's term file and returns
    termctl's own JSON result. It never reads or writes the term file itself.
  - With I(state=present) it only reports (C(termctl show --json), and C(termctl classify --json)
    when I(term) is given); it never writes and never reports a change.
  - With I(state=adopted) it moves the node forward to I(term) (C(termctl adopt)), changed when
    termctl wrote the file (exit 10), unchanged when the node is already at I(term) (exit 0). It
    never moves a term backwards; a node already past I(term) (fenced, exit 20) fails the task.
  - Every refusal of termctl fails the task with termctl's own message and exit code (C(rc)), for a
    damaged term file (65), a missing one without I(create) (66), a held lock (75, the holder
    named), a running database (75), a compare-and-set mismatch (30), an I/O error (74).
  - Terms are unsigned 64-bit integers, exact over the whole range 0 to 18446744073709551615;
    they are passed to termctl as decimal text and returned as integers, never through a float.
author:
  - termctl maintainers (@termctl)
requirements:
  - termctl 0.1.0 or later on the managed host (the Debian package, the tarball or a clone).
options:
  path:
    description:
      - The node's term file on the managed host, as an absolute path (termctl's C(-f FILE)).
    type: path
    required: true
    aliases: [file]
  term:
    description:
      - The incoming term, 0 to 18446744073709551615, as an integer or a string of ASCII digits.
        Quote it in YAML to keep it text; a float is refused, since it cannot hold every term
        exactly.
      - Required with I(state=adopted). With I(state=present), the verdict it would get is
        reported (C(termctl classify)).
    type: raw
  state:
    description:
      - C(present) only reports the node's term (and the verdict I(term) would get).
      - C(adopted) makes the node hold I(term) or a newer one, moving it forward only.
    type: str
    choices: [present, adopted]
    default: present
  boundary:
    description:
      - Where I(term) arrives. With I(state=present), the boundary of the reported verdict.
      - With I(state=adopted), the write goes through C(termctl admit-record) (C(apply)) or
        C(termctl admit-handshake) (C(handshake)) instead of C(termctl adopt), and the journal
        names that command. C(lease) is for reports only. Not with I(expect_current).
      - Unset, I(state=adopted) runs C(termctl adopt) and I(state=present) classifies at the
        C(apply) boundary.
    type: str
    choices: [apply, handshake, lease]
  reason:
    description:
      - Why the term moves, recorded in the file's C(reason) member and in the journal (at most
        1,024 bytes). Runbooks should always give one.
    type: str
  expect_current:
    description:
      - Compare-and-set (C(--expect-current)), adopting only if the node's term is exactly this one,
        checked under termctl's lock; otherwise nothing changes and the task fails (exit 30),
        naming the term found. Pass the term a previous task read, so the play acts on what it saw.
      - An integer or a string of ASCII digits, like I(term). Only with I(state=adopted).
    type: raw
  create:
    description:
      - Allow a missing term file to be created (a new node, from the default term 1). Without
        it a missing file fails the task (66) and nothing is created, so a mistyped path never
        becomes a new node.
    type: bool
    default: false
  journal:
    description:
      - Append the write's journal entry to this file (absolute path) instead of C(FILE.journal)
        beside the term file.
    type: path
  no_journal:
    description:
      - Write no journal entry. Not with I(journal).
    type: bool
    default: false
  while_running:
    description:
      - Write even while the database runs (its data file is locked); termctl's warning becomes
        a task warning. RedDB rewrites its term file without termctl's lock and may undo the
        write; stop the database instead whenever you can.
    type: bool
    default: false
  data_file:
    description:
      - The database's data file checked for a running server (absolute path), with every
        I(state) (I(state=present) reports it in C(database_running)). By default
        termctl looks where C(TERMCTL_DATA_FILE) on the managed host says, else at C(data.rdb)
        beside the term file, or one level up for a term file under C(replication/)
        (C(/var/lib/reddb/replication/term.json) has C(/var/lib/reddb/data.rdb)), when it exists.
    type: path
  lock_timeout:
    description:
      - How long to wait for another termctl writing the same file, for example C(500ms), C(10s),
        C(2m) (termctl's default is C(10s)). Past it the task fails (75), naming the holder.
    type: str
  executable:
    description:
      - The termctl command on the managed host. A bare name is looked up on C(PATH) (and in the
        usual system directories).
    type: path
    default: termctl
attributes:
  check_mode:
    support: full
    description: Runs termctl with C(--dry-run); reports changed when termctl would adopt; writes nothing.
  diff_mode:
    support: full
    description: Shows the node's term before and after (or what it would be, in check mode).
notes:
  - The task runs termctl as the connecting user (use C(become) for a term file owned by the
    database's account); termctl keeps the file's owner and mode.
  - termctl refuses writes while the database runs (75); stop it first, or set I(while_running).
seealso:
  - name: termctl runbooks
    description: The after-failover runbook, as a shell script and as a playbook (docs/runbooks.md).
    link: https://example.org/termctl/docs/runbooks.md
'''

EXAMPLES = r'''
- name: Read the node's term and whether its database runs
  termctl.reddb.termctl_term:
    path: /var/lib/reddb/replication/term.json
  register: node

- name: Re-sync a stale node to term 12, if it is still at the term we read
  termctl.reddb.termctl_term:
    path: /var/lib/reddb/replication/term.json
    state: adopted
    term: "12"
    expect_current: "{{ node.term }}"
    reason: "re-synced after failover (INC-7)"
  become: true

- name: Would a handshake at term 11 be fenced? (never writes)
  termctl.reddb.termctl_term:
    path: /var/lib/reddb/replication/term.json
    term: 11
    boundary: handshake
  register: probe
  failed_when: probe.verdict != 'fenced'

- name: A new node starts at term 18446744073709551615 (quoted, exact over the whole range)
  termctl.reddb.termctl_term:
    path: /srv/new-node/term.json
    state: adopted
    term: "18446744073709551615"
    create: true
    reason: new node
    lock_timeout: 30s
    executable: /opt/termctl-0.1.0/bin/termctl
'''

RETURN = r'''
file:
  description: The term file, as termctl resolved it (absolute, links followed).
  returned: always
  type: str
  sample: /var/lib/reddb/replication/term.json
exists:
  description: Whether the term file existed when it was read (a missing file reads as term 1).
  returned: always
  type: bool
term_before:
  description: The node's term before the task.
  returned: always
  type: int
  sample: 11
term:
  description: The node's term after the task (in check mode, what it would be).
  returned: always
  type: int
  sample: 12
verdict:
  description: termctl's verdict on I(term) (C(admit), C(adopt) or C(fenced)); null without I(term).
  returned: always
  type: str
  sample: adopt
dry_run:
  description: Whether termctl ran with C(--dry-run) (check mode).
  returned: always
  type: bool
database_running:
  description: >-
    Whether a process held the node's data file locked when it was read (the database runs);
    null when there is no data file or termctl cannot tell.
  returned: always
  type: bool
database_pid:
  description: The pid holding the data file, when the database runs and the kernel names it.
  returned: when the database runs
  type: int
node:
  description: termctl's C(show --json) object for the node, as read before any write.
  returned: always
  type: dict
  sample: {"file": "/var/lib/reddb/replication/term.json", "host": "db1", "exists": true, "term": 11,
           "last_vote": false, "updated_at": null, "updated_by": null, "reason": null,
           "updated_with": null, "warnings": [], "database_running": false}
result:
  description: >-
    termctl's own JSON result for I(term) (adopt, admit-record, admit-handshake or classify);
    on failure, termctl's error object (with C(error) and C(exit_code)). Null without I(term).
  returned: always
  type: dict
  sample: {"file": "/var/lib/reddb/replication/term.json", "command": "adopt", "boundary": null,
           "verdict": "adopt", "incoming_term": 12, "current_term": 11, "term": 12, "changed": true}
exit_code:
  description: >-
    termctl's exit code (0 admit, 10 adopt; see termctl's exit code table). On a failure, C(rc)
    holds it too, beside termctl's message in C(msg).
  returned: always
  type: int
  sample: 10
cmd:
  description: The termctl command line that decided the result.
  returned: always
  type: list
  elements: str
'''

import json
import os
import re

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.six import binary_type, integer_types, text_type
from ansible.module_utils.common.text.converters import to_text

# termctl's terms: unsigned 64-bit. Checked here only to name the parameter; termctl checks again.
LARGEST_TERM = 18446744073709551615
ASCII_DIGITS = re.compile(r'\A[0-9]+\Z')
FLOAT_TEXT = re.compile(r'\A[-+]?[0-9]*[.]?[0-9]*(?:[eE][-+]?[0-9]+)?\Z')
WRITERS = {None: 'adopt', 'apply': 'admit-record', 'handshake': 'admit-handshake'}
# The exit codes of a verdict (admit, adopt, fenced); anything else is a failure with an error object.
VERDICT_CODES = (0, 10, 20)


def term_text(module, name, value):
    """The term as termctl's decimal text, from an int or ASCII digits: never through a float."""
    if value is None:
        return None
    exact = not isinstance(value, bool) and isinstance(value, integer_types + (text_type, binary_type))
    text = text_type(value) if isinstance(value, integer_types) else to_text(value) if exact else None
    if text is None or not ASCII_DIGITS.match(text) or int(text) > LARGEST_TERM:
        floated = isinstance(value, float) or (text is not None and FLOAT_TEXT.match(text) and any(c in text for c in '.eE'))
        module.fail_json(msg="%s must be a term from 0 to %d, as an integer or a string of ASCII digits, not %s%r%s"
                             % (name, LARGEST_TERM, 'a %s ' % type(value).__name__ if not exact else '', value,
                                ' (a float cannot hold every term exactly: quote the digits in YAML)' if floated else ''))
    return text


def absolute(module, name, path):
    if path is not None and not os.path.isabs(path):
        module.fail_json(msg="%s must be an absolute path on the managed host, not %r" % (name, path))
    return path


class Termctl(object):
    """Runs termctl with --json and reads its one JSON object; relays its warnings and notes."""

    def __init__(self, module, executable):
        self.module = module
        self.executable = executable

    def run(self, args, environ=None):
        cmd = [self.executable] + args
        rc, out, err = self.module.run_command(cmd, check_rc=False, environ_update=environ or {})
        for line in err.splitlines():
            if line.startswith('termctl: warning:') or line.startswith('termctl: note:'):
                self.module.warn(line)
        try:
            obj = json.loads(out)
        except ValueError:
            obj = None
        if not isinstance(obj, dict):
            # No JSON at all: the launcher found no Java (69), or this is not a termctl that speaks JSON.
            self.module.fail_json(msg="%s printed no JSON result (exit %d): %s"
                                      % (cmd[0], rc, err.strip() or out.strip() or 'no output'),
                                  rc=rc, cmd=cmd, stdout=out, stderr=err)
        return rc, obj, err, cmd

    def fail(self, rc, obj, err, cmd, node=None):
        """termctl's own message and exit code: its error object's words, else its verdict's."""
        message = obj.get('error') or fenced_message(obj)
        self.module.fail_json(msg=message, rc=rc, exit_code=rc, cmd=cmd, file=obj.get('file'), result=obj, node=node, stderr=err)


def fenced_message(result):
    """termctl's text for a fenced verdict (TextRenderer.explain), which its JSON carries as fields."""
    boundary = result.get('boundary')
    at = '' if boundary is None else ' at the %s boundary' % boundary
    what = 'the node is already past it, nothing changed' if boundary is None else 'refused as stale, nothing changed'
    dry = ' (dry run: nothing written)' if result.get('dry_run') else ''
    return 'fenced: term %s is behind the current term %s of %s%s; %s%s' % (
        result.get('incoming_term'), result.get('current_term'), result.get('file'), at, what, dry)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type='path', required=True, aliases=['file']),
            term=dict(type='raw'),
            state=dict(type='str', default='present', choices=['present', 'adopted']),
            boundary=dict(type='str', choices=['apply', 'handshake', 'lease']),
            reason=dict(type='str'),
            expect_current=dict(type='raw'),
            create=dict(type='bool', default=False),
            journal=dict(type='path'),
            no_journal=dict(type='bool', default=False),
            while_running=dict(type='bool', default=False),
            data_file=dict(type='path'),
            lock_timeout=dict(type='str'),
            executable=dict(type='path', default='termctl'),
        ),
        required_if=[('state', 'adopted', ['term'])],
        mutually_exclusive=[('journal', 'no_journal'), ('boundary', 'expect_current')],
        supports_check_mode=True,
    )
    p = module.params
    path = absolute(module, 'path', p['path'])
    term = term_text(module, 'term', p['term'])
    expect_current = term_text(module, 'expect_current', p['expect_current'])
    absolute(module, 'journal', p['journal'])
    absolute(module, 'data_file', p['data_file'])
    adopting = p['state'] == 'adopted'
    if not adopting:
        for name in ('reason', 'expect_current', 'journal', 'lock_timeout'):
            if p[name] is not None:
                module.fail_json(msg="%s applies to state=adopted only (state=present never writes)" % name)
        for name in ('create', 'no_journal', 'while_running'):
            if p[name]:
                module.fail_json(msg="%s applies to state=adopted only (state=present never writes)" % name)
    if adopting and p['boundary'] == 'lease':
        module.fail_json(msg="boundary=lease is for reports (state=present): termctl writes at the apply or "
                             "handshake boundary, or through adopt (no boundary)")

    executable = p['executable']
    if os.sep not in executable:
        found = module.get_bin_path(executable, opt_dirs=['/usr/bin', '/usr/local/bin'])
        if found is None:
            module.fail_json(msg="%s is not installed on this host (not on PATH): install the termctl package, "
                                 "or set executable to its path" % executable, rc=127)
        executable = found
    termctl = Termctl(module, executable)

    # The node as it is: its term and whether its database runs (show never writes or locks); show
    # takes the data file from the environment (it has no --data-file).
    environ = {} if p['data_file'] is None else {'TERMCTL_DATA_FILE': p['data_file']}
    rc, node, err, cmd = termctl.run(['show', '--json', '-f', path], environ)
    if rc != 0 or 'error' in node:
        termctl.fail(rc, node, err, cmd)
    ret = dict(changed=False, file=node['file'], exists=node['exists'], term_before=node['term'], term=node['term'],
               verdict=None, dry_run=False, database_running=node.get('database_running'), node=node, result=None,
               exit_code=rc, cmd=cmd)
    if 'database_pid' in node:
        ret['database_pid'] = node['database_pid']

    if term is not None:
        if adopting:
            args = [WRITERS[p['boundary']], '--json', '-f', path]
            if module.check_mode:
                args.append('--dry-run')
            # --option=VALUE, one argument: a value that starts with '-' stays a value.
            for option, value in (('--reason', p['reason']), ('--expect-current', expect_current),
                                  ('--journal', p['journal']), ('--data-file', p['data_file']),
                                  ('--lock-timeout', p['lock_timeout'])):
                if value is not None:
                    args.append('%s=%s' % (option, value))
            for option, flag in (('--create', p['create']), ('--no-journal', p['no_journal']),
                                 ('--while-running', p['while_running'])):
                if flag:
                    args.append(option)
        else:
            args = ['classify', '--json', '--boundary', p['boundary'] or 'apply', '-f', path]
        rc, result, err, cmd = termctl.run(args + [term])
        if rc not in VERDICT_CODES or 'error' in result or (adopting and result.get('verdict') == 'fenced'):
            termctl.fail(rc, result, err, cmd, node=node)
        dry_run = bool(result.get('dry_run'))
        after = result['incoming_term'] if dry_run and result['verdict'] == 'adopt' else result['term']
        ret.update(file=result['file'], term_before=result['current_term'], term=after, verdict=result['verdict'],
                   dry_run=dry_run, result=result, exit_code=rc, cmd=cmd)
        # Changed exactly when termctl wrote; in check mode, when its dry run says it would.
        ret['changed'] = adopting and (result['verdict'] == 'adopt' if dry_run else bool(result['changed']))

    if module._diff:
        ret['diff'] = dict(before_header=ret['file'], after_header=ret['file'],
                           before='term: %d\n' % ret['term_before'], after='term: %d\n' % ret['term'])
    module.exit_json(**ret)


if __name__ == '__main__':
    main()
