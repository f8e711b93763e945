// Preloaded into the Azurite that tests start (node --require): Azurite exits when the test process that started it
// goes away. The test process holds the other end of Azurite's stdin; when it exits, however it exits (a test host
// killed by the runner never runs its exit handlers), the pipe closes and this ends Azurite too.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
