/**
 * `npm run reset-password [-- <username>]` (default `admin`): set a new password, printed once,
 * and end that user's sessions. The way back in when the generated admin password is lost.
 * Works with the server running (it uses the running instance's embedded PostgreSQL) or stopped
 * (it starts the embedded PostgreSQL for the moment), and with DATABASE_URL.
 */
import { auditEvent } from '../audit/events.js';
import { generatePassword } from '../auth/passwords.js';
import { AuthService } from '../auth/service.js';
import { loadConfig } from '../config/index.js';
import { Db } from '../db/db.js';
import { ensureDatabase, runningInstanceUrl, startEmbeddedPostgres, type EmbeddedPg } from '../db/embedded.js';
import { migrate } from '../db/migrations.js';

const username = process.argv[2] ?? 'admin';
const config = loadConfig();
let embedded: EmbeddedPg | undefined;
let url = config.DATABASE_URL ?? runningInstanceUrl(config.DATA_DIR, 'crm');
if (!url) {
  embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR });
  url = await ensureDatabase(embedded.url, 'crm');
}
const db = await Db.connect(url, { poolMax: 1 });
try {
  await migrate(db);
  const password = process.env.NEW_PASSWORD ?? generatePassword();
  // The change and its audit event (no actor: whoever runs this command has the server's files) in one transaction.
  const changed = await db.tx(async (q) => {
    const auth = new AuthService(q, config.SESSION_TTL_HOURS);
    const id = await auth.userIdOf(username);
    if (!id || !(await auth.setPassword(username, password))) return false;
    await auditEvent(q, { actorId: null, kind: 'password.change', target: `user:${id}`, detail: { via: 'reset-password' } });
    return true;
  });
  if (!changed) {
    console.error(`no user named ${username}`);
    process.exitCode = 1;
  } else {
    console.log(`new password for ${username}: ${password}\n(their open sessions were ended)`);
  }
} finally {
  await db.close();
  await embedded?.stop();
}
