// The official Node client's side of the EventStoreDB benchmark: the same work as
// benchmarks/Eventfold.EventStoreDb.Benchmarks, timed the same way, printed as JSON.
// Usage: node bench.mjs <connection string> <single appends> <batches of 100> <concurrency>
import { EventStoreDBClient, jsonEvent, START } from "@eventstore/db-client";
import { randomUUID } from "node:crypto";

const [connectionString, singles, batches, concurrency] = process.argv.slice(2);
const client = EventStoreDBClient.connectionString(connectionString);
const prefix = `nodebench-${randomUUID().replaceAll("-", "")}`;
const event = (i) => jsonEvent({ type: "BenchItem", data: { sku: `sku-${i}`, quantity: i } });

async function timed(count, work) {
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

async function inParallel(total, parallel, one) {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (true) {
      const i = next++;
      if (i >= total) return;
      await one(i);
    }
  }));
}

try {
  // Warm up (JIT, connection, server caches) as the C# side does.
  await inParallel(1000, 1, (i) => client.appendToStream(`${prefix}-warmup`, [event(i)]));
  const result = {};
  result.appendOne = await timed(Number(singles), () =>
    inParallel(Number(singles), 1, (i) => client.appendToStream(`${prefix}-one-${i % 50}`, [event(i)])));
  result.appendOneConcurrent = await timed(Number(singles), () =>
    inParallel(Number(singles), Number(concurrency), (i) => client.appendToStream(`${prefix}-conc-${i}`, [event(i)])));
  result.appendHundredEvents = await timed(Number(batches) * 100, () =>
    inParallel(Number(batches), 1, (i) => client.appendToStream(`${prefix}-batch-${i}`, Array.from({ length: 100 }, (_, j) => event(j)))));
  const started = process.hrtime.bigint();
  let read = 0;
  for await (const _ of client.readAll({ fromPosition: START, maxCount: 1_000_000 })) read++;
  result.readAllEvents = read / (Number(process.hrtime.bigint() - started) / 1e9);
  result.readAllCount = read;
  console.log(JSON.stringify(result));
} finally {
  await client.dispose();
}
