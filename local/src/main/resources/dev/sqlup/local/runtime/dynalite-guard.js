// Runs dynalite inside this node process and ends it when the JVM that started it goes away:
// its stdin (a pipe from the JVM) closes, or its parent process changes. A killed JVM (SIGKILL)
// therefore never leaves an orphaned DynamoDB behind.
// argv: <dynalite dir> <host> <port> <data path or ""> <createTableMs>
const [dynaliteDir, host, port, dataPath, createTableMs] = process.argv.slice(1);
const parent = process.ppid;
const quit = () => process.exit(0);
process.stdin.on('end', quit);
process.stdin.on('close', quit);
process.stdin.on('error', quit);
process.stdin.resume();
setInterval(() => { if (process.ppid !== parent) quit(); }, 250);
process.on('SIGTERM', quit);
process.on('SIGINT', quit);

const options = { createTableMs: Number(createTableMs), deleteTableMs: 0, updateTableMs: 0 };
if (dataPath) options.path = dataPath;
const server = require(dynaliteDir)(options);
server.on('error', (e) => {
  console.log('SQLUP_ERROR ' + (e.code || '') + ' ' + e.message);
  process.exit(3);
});
server.listen(Number(port), host, () => console.log('SQLUP_LISTENING ' + server.address().port));
