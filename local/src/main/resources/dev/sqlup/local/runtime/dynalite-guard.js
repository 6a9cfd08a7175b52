// Runs dynalite inside this node process and ends it when the JVM that started it goes away:
// its stdin (a pipe from the JVM) closes, or its parent process changes. A killed JVM (SIGKILL)
// therefore never leaves an orphaned DynamoDB behind.
//
// It also keeps dynalite up when a client drops a connection mid-request: dynalite 4.0.0 answers a
// request 'error' with `throw err` (architect/dynalite#183), so one SDK call aborted by a timeout or
// an interrupted thread would take the whole database down for every other client.
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
const dynaliteHandlers = server.listeners('request');
server.removeAllListeners('request');
server.on('request', (req, res) => {
  const on = req.on;
  req.on = function (event, listener) {
    if (event !== 'error') return on.apply(this, arguments);
    return on.call(this, event, (e) => console.log(`a client dropped a request mid-way (${e.code || ''} ${e.message}); still serving`));
  };
  for (const handler of dynaliteHandlers) handler.call(server, req, res);
});
// A store error is thrown out of dynalite's callbacks too; that request goes unanswered (the client
// times out and retries) but the others carry on.
process.on('uncaughtException', (e) => console.log('error in a request, still serving: ' + (e && e.stack ? e.stack.replace(/\n/g, ' | ') : e)));
server.on('error', (e) => {
  console.log('SQLUP_ERROR ' + (e.code || '') + ' ' + e.message);
  process.exit(3);
});
server.listen(Number(port), host, () => console.log('SQLUP_LISTENING ' + server.address().port));
