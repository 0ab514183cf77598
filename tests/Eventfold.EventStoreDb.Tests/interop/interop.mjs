// The official Node client's side of the interop tests: appends or reads one stream and prints
// what it saw as JSON (64-bit numbers as strings), so the C# test compares both clients' views.
// Usage: node interop.mjs append <connection string> <stream> <events as JSON>
//        node interop.mjs read <connection string> <stream>
//        node interop.mjs tombstone <connection string> <stream>
import { EventStoreDBClient, jsonEvent, NO_STREAM } from "@eventstore/db-client";

const [command, connectionString, stream, payload] = process.argv.slice(2);
const client = EventStoreDBClient.connectionString(connectionString);

try {
  if (command === "append") {
    const events = JSON.parse(payload).map((e) =>
      jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata }));
    const result = await client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
    console.log(JSON.stringify({
      nextExpectedRevision: result.nextExpectedRevision.toString(),
      commit: result.position?.commit.toString(),
      prepare: result.position?.prepare.toString(),
    }));
  } else if (command === "tombstone") {
    await client.tombstoneStream(stream);
    console.log(JSON.stringify({ tombstoned: stream }));
  } else if (command === "read") {
    const seen = [];
    for await (const { event } of client.readStream(stream)) {
      seen.push({
        id: event.id,
        type: event.type,
        isJson: event.isJson,
        created: event.created,
        revision: event.revision.toString(),
        commit: event.position?.commit.toString(),
        prepare: event.position?.prepare.toString(),
        data: event.data,
        metadata: event.metadata,
      });
    }
    console.log(JSON.stringify(seen));
  } else {
    throw new Error(`unknown command '${command}'`);
  }
} finally {
  await client.dispose();
}
