// `npm start`: both apps in the foreground on the embedded defaults. Ctrl-C stops both;
// if one exits, the other is stopped too, so a half-running guard never goes unnoticed.
import { spawn } from 'node:child_process';

const apps = {
  'guard-inference': 'dist/apps/guard-inference/src/main.js',
  gateway: 'dist/apps/gateway/src/main.js',
};

// The gateway finds the local guard-inference on whatever port it was given.
const env = { ...process.env };
env.GUARD_URL ||= `dns:///127.0.0.1:${env.GUARD_PORT || 50051}`;

const children = Object.entries(apps).map(([name, entry]) => {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`${name} exited (${signal ?? code}); stopping the other app`);
    stop(code ?? 1);
  });
  return child;
});

let stopping = false;
function stop(code) {
  if (!stopping) {
    stopping = true;
    process.exitCode = code;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
