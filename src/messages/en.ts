/**
 * Every sentence the server says to people, in English: the source of truth for the keys (fr.ts is
 * typed against it). `{name}` placeholders are filled by `t()` (messages.ts). Grouped by where
 * people read them: approvals (phone, messengers, panel), the policy's reasons, the summaries of
 * calls people approve, the messengers' own words, and what the voice channel says itself.
 */
export const en = {
  // Approvals, wherever they are shown.
  'approval.title': 'Majordome needs your approval',
  'approval.approve': 'Approve',
  'approval.deny': 'Deny',
  'approval.asked_by': 'Asked by {name}.',
  'approval.needed': 'Approval needed: {summary}',
  'approval.why': 'Why: {reason}',
  'approval.approved_by': '{summary}: approved ({by})',
  'approval.denied_by': '{summary}: denied ({by})',
  'approval.expired': '{summary}: expired ({by})',
  'approval.nobody': 'nobody',
  'approval.closed_expired': 'This approval expired.',
  'approval.closed_expired_why': 'This approval expired ({note}).',
  'approval.note_timeout': 'nobody decided in time',
  'approval.note_restart': 'the request ended when Majordome restarted',
  'approval.note_ended': 'the request ended before anyone decided',
  'approval.closed_decided': 'This approval was already {status} by {by}.',
  'approval.status_approved': 'approved',
  'approval.status_denied': 'denied',
  'approval.only_approvers_approve': 'Only a Home Assistant administrator or a listed approver can approve this.',
  'approval.only_approvers_deny': 'Only an approver or the person who asked can deny this.',
  'approval.not_found': 'No such approval.',

  // Why a call needs a yes: the built-in rules (policy/default-rules.ts), then the guards.
  'rule.lock_unlock': 'unlocking or opening a lock needs a yes',
  'rule.alarm_disarm': 'disarming the alarm needs a yes',
  'rule.cover_passage': 'opening a garage door, gate or door needs a yes',
  'rule.cover_named_passage': 'opening or closing a cover whose name says garage, gate or door needs a yes',
  'rule.cover_unclassed': 'opening or closing a cover that may be a gate or a door (it has no device class) needs a yes',
  'rule.valve': 'operating a valve needs a yes',
  'rule.siren': 'sounding a siren needs a yes',
  'rule.homeassistant': 'homeassistant.* services can restart Home Assistant or switch any device, so they need a yes',
  'rule.mail_send': 'sending an e-mail needs a yes',
  'rule.browser_type': 'typing into a password field (or a field Majordome cannot identify) needs a yes',
  'rule.browser_submit': 'submitting a form (or a click Majordome cannot tell is harmless) needs a yes',
  'rule.shell_run': 'running a shell command needs a yes',
  'rule.config_change': 'an automation or script acts later, with nobody asked, so saving or deleting one needs a yes',
  'rule.read': 'reading changes nothing',
  'rule.plain_devices': 'lights, switches, media, fans and vacuums are allowed',
  'rule.scene': 'activating a scene is allowed',
  'rule.climate_modes': 'climate modes are allowed',
  'rule.temperature': 'temperatures from {min} to {max} °C are allowed',
  'rule.covers': 'blinds, shades and curtains are allowed',
  'rule.lock_lock': 'locking is allowed',
  'rule.alarm_arm': 'arming the alarm is allowed',
  'rule.read_lists': 'reading forecasts, calendars and lists is allowed',
  'rule.add_to_list': 'adding to a list is allowed',
  'rule.browse': 'browsing is allowed',
  'rule.mail_move': 'filing an e-mail is allowed',
  'rule.mail_mark': 'marking an e-mail read, unread or flagged is allowed',
  'rule.memory_save': 'remembering a fact is allowed',
  'rule.tasks': 'scheduling is allowed',
  'rule.notify': 'notifying you is allowed',
  'rule.unknown_service': 'Majordome has no rule for this service, so it asks first',
  'rule.external': 'this can send data outside the home, so it asks first',
  'rule.local_write': 'local change allowed by default',
  'policy.no_rule': 'no rule covers this call',
  'policy.too_many': 'this call touches too many things to check one by one',
  'policy.taint':
    "after reading {source}, someone else's text may be steering this conversation, so every action in it needs a yes (a new conversation starts clean)",
  'policy.also': '{reason}; also, {more}',
  'policy.egress_home_data': "this page's address is new in a conversation that has read your home's data: it could carry that data out",
  'policy.egress_tainted':
    "this page's address is new in a conversation that has read someone else's text: it could carry what the conversation holds out",
  // What a conversation read, finishing "after reading …" (policy.taint).
  'taint.web_page': 'the web page {host}',
  'taint.a_web_page': 'a web page',
  'taint.mail_from': 'a mail from {from}',
  'taint.mail_unknown_sender': 'a mail from an unknown sender',
  'taint.shell_output': 'the output of `{command}`',

  // Summaries of Home Assistant service calls (tools/home/service-summary.ts).
  'summary.turn_on': 'Turn on {things}',
  'summary.turn_off': 'Turn off {things}',
  'summary.toggle': 'Toggle {things}',
  'summary.unlock': 'Unlock {things}',
  'summary.lock': 'Lock {things}',
  'summary.open': 'Open {things}',
  'summary.close': 'Close {things}',
  'summary.stop': 'Stop {things}',
  'summary.set_position': 'Set the position of {things}',
  'summary.disarm': 'Disarm {things}',
  'summary.arm_away': 'Arm (away) {things}',
  'summary.arm_home': 'Arm (home) {things}',
  'summary.arm_night': 'Arm (night) {things}',
  'summary.trigger_alarm': 'Trigger the alarm of {things}',
  'summary.set_temperature': 'Set the temperature of {things}',
  'summary.call': 'Call {service}',
  'summary.call_on': 'Call {service} on {things}',
  'summary.area': 'everything in area {area}',
  'summary.device': 'device {device}',
  'summary.with': '{head}, with {data}',
  'words.and': '{first} and {last}',
  'words.and_word': 'and',
  'words.and_more': 'and {count} more',

  // Approvals of changes to automations and scripts (tools/authoring/summary.ts, risk-flags.ts).
  'authoring.automation': 'the automation "{alias}"',
  'authoring.script': 'the script "{alias}"',
  'authoring.with_id': '{item} (id {id})',
  'authoring.create': 'Create {item}',
  'authoring.change': 'Change {item}',
  'authoring.delete': 'Delete {item}',
  'authoring.restore': 'Restore {item} to version {version}, as it was before the change of {changed_at}',
  'authoring.save_unread': 'Save {item}; its current version could not be read',
  'authoring.unreadable': '(its config could not be read)',
  'authoring.lead': '{head}:',
  'authoring.unchanged': '{head} (nothing changes).',
  'authoring.flag_security': 'Careful: it acts on a lock, an alarm panel, a garage door or a gate ({things}), later, with nobody asked.',
  'authoring.flag_outward': 'Careful: it reaches outside the home ({things}).',

  // What HA showed after a service call (tools/home/observe-call.ts); states stay as HA names them.
  'outcome.changed': '{name}: {before} → {after}',
  'outcome.already': '{name}: already {state}',
  'outcome.unchanged': '{name}: no change observed (still {state})',
  'outcome.gone': 'gone',
  'outcome.brightness': 'brightness {pct}%',
  'outcome.done': '{call} done',

  // The lines people read on the home tools' cards.
  'home.no_match': 'No match',
  'home.found_one': '{count} found: {names}',
  'home.found': '{count} found: {names}',
  'home.areas': '{count} areas',
  'home.history': '{name}: {count} changes in {hours} h',

  // Summaries of the other calls people approve (mail, shell, browser, tasks, automations and scripts).
  'summary.mail_send': 'Send an e-mail to {to}: “{subject}”',
  'summary.mail_to': 'To: {to}',
  'summary.mail_cc': 'Cc: {cc}',
  'summary.mail_subject': 'Subject: {subject}',
  'summary.mail_reply_to': 'In reply to message {uid}',
  'summary.mail_reply_to_in': 'In reply to message {uid} in {folder}',
  'summary.mail_account': 'From account: {account}',
  'summary.shell_run': 'Run the shell command: {command}',
  'summary.shell_run_in': 'Run the shell command (in {cwd}): {command}',
  'summary.shell_own_secrets': "Careful: this command reads Majordome's own settings or process environment, which hold its secrets (model keys, tokens, passwords), and what it prints goes to the model.",
  'summary.browser_open': 'Open {url} in the browser',
  'summary.browser_type': 'Type into field {ref} in the browser',
  'summary.browser_click': 'In the browser, click {ref}',
  'summary.browser_select': 'In the browser, select {ref}',
  'summary.browser_press': 'In the browser, press {ref}',
  'summary.browser_act': 'In the browser, {action} {ref}',
  'summary.task_schedule': 'Schedule a task that runs {when}, doing: {prompt}',
  'summary.task_cron': 'on the schedule "{cron}"',
  'summary.task_at': 'once at {at}',
  'summary.task_state': 'whenever {entity} changes',
  'summary.task_from': 'from {value}',
  'summary.task_to': 'to {value}',
  'summary.task_event': 'whenever the event {event} fires',
  'summary.task_event_data': 'with data {value}',
  'summary.task_mail': 'whenever new mail arrives',
  'summary.task_mail_account': 'in account {account}',
  'summary.task_asked': 'when asked',
  'summary.list_automation': 'List the automations',
  'summary.list_script': 'List the scripts',
  'summary.read_automation': 'Read the automation {id}',
  'summary.read_script': 'Read the script {id}',

  // The messengers' own words (Telegram, Slack).
  'messenger.no_answer': '(no answer)',
  'messenger.failed': 'Something went wrong; the details are in the Majordome log.',
  'messenger.stale_button': 'This button is no longer valid.',
  'messenger.approved': 'Approved.',
  'messenger.denied': 'Denied.',
  'telegram.pairing':
    'This chat is not allowed to talk to Majordome yet. Ask a Home Assistant administrator to confirm this code in the Majordome panel (Status → Messenger pairings): {code}',
  'telegram.paired': 'This chat may now talk to Majordome.',

  // What the voice channel says itself (not the model).
  'voice.done': 'Done.',
  'voice.failed': 'Sorry, something went wrong.',
  'voice.not_understood': "Sorry, I didn't catch that.",
  'voice.busy': 'I am handling too many requests; please try again in a moment.',
  'voice.approval_on_phone': "That needs your approval: I'm waiting for it on your phone.",
  'voice.approval_in_panel': "That needs your approval first: approve it in Majordome, in Home Assistant's sidebar.",
  'voice.outcome_title': 'Majordome: your voice request',

  // The agent's own words at the end of an answer.
  'agent.step_limit': '(I stopped after {steps} steps without finishing.)',

  // What a scheduled task's run sends to the phones itself (agent/scheduler/task-run.ts).
  'task.no_answer': '(no answer)',
  'task.failed': 'The task failed: {error}',
  'task.not_notified': '(notification not sent: {error})',
  'task.scheduled': 'Task {id} scheduled',
  'task.not_scheduled': 'task not scheduled',
  'task.count_one': '{count} task',
  'task.count': '{count} tasks',
  'task.cancelled': 'Task {id} cancelled',
  'task.no_such': 'no such task',

  // The memory tools' card lines.
  'memory.saved': 'Remembered',
  'memory.secret_refused': 'secret not remembered',
  'memory.found_one': '{count} memory found',
  'memory.found': '{count} memories found',

  // Where notify_user's notification went (tools/notify.ts).
  'notify.shown_in_ha': "Shown in Home Assistant's notifications",
  'notify.sent_phone': 'Sent to {count} phone',
  'notify.sent_phones': 'Sent to {count} phones',
  'notify.some_failed': '{sent} ({count} failed)',
  'notify.not_sent': 'notification not sent',
  'notify.not_sent_because': 'notification not sent: {reason}',
} as const;

/** A key of the message table. */
export type MessageKey = keyof typeof en;

/** A whole table: every key, one sentence each. */
export type Messages = Record<MessageKey, string>;
