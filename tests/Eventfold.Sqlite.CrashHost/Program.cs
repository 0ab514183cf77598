// A child process for the SQLite tests: a second writer on the same file, or a writer to be killed mid-append.
//
//   batches <path> <stream> <writer>                   append batches of 1 to 8 events in a tight loop until killed;
//                                                      prints "ready" once the first batch is in (start-up is over)
//   contend <path> <stream> <writer> <appends> <go>    print "ready", wait for the file <go>, then make <appends>
//                                                      optimistic appends of 2 events each (retrying on a version
//                                                      conflict, pausing a millisecond after each as if working), and exit
//   project <path> <readmodel> - -                     run the counted-totals projection into the read model
//                                                      (exactly-once helper) until the end of the log; prints
//                                                      "ready" after the first event, "done" at the end
//   saga <path> <effects> <sagas> <killAt>             recover the crash sagas, then run sagas c-0..c-(n-1) (every fourth
//                                                      fails its last step and is compensated); killAt "before:M:n" or
//                                                      "after:M:n" kills the process the n-th time method M runs, before
//                                                      or after its side effect; prints "ready" then "done"
//   saga-runner <path> <effects> <killAt>              run the crash sagas from the log (SagaRunner: recovery, then one
//                                                      saga per CrashOrderPlaced, checkpointed only at the end) to its
//                                                      end; killAt as for "saga"; prints "ready" then "done"
//   saga-race <path> <effects> <writer> <go>           print "ready", wait for the file <go>, recover every crash saga, print "done"
//   publish <path> <customers> <pause-after>           save CrashCustomer aggregates (published state) in a loop until
//                                                      killed; prints "ready" after the first save. With pause-after >= 0,
//                                                      the publish after that many saves prints "between {id} {version}"
//                                                      and waits: the test kills the host between a save and its publish
//   lease <path> <readmodel> <owner> -                 run the counted-totals projection live under the projection's
//                                                      lease (kept in the read model) until killed; prints
//                                                      "standing by for <holder>" while it waits, "holding token=<n>"
//                                                      once it holds the lease
//   write <path> <writer> <events> <go>                print "ready", wait for the file <go>, then append <events>
//                                                      counted events from 4 concurrent tasks (own and shared
//                                                      streams, with an event nobody projects between), and exit
//   migrate <path> <source> <target>                   run MigrationScript from source to target, pausing a
//                                                      millisecond per event; prints "ready" after the first
//                                                      event is mapped, "done" at the end
using Eventfold;
using Eventfold.Sqlite;
using Eventfold.Sqlite.CrashHost;

if (args.Length < 4)
{
    Console.Error.WriteLine("usage: batches <path> <stream> <writer> | contend <path> <stream> <writer> <appends> <go-file>");
    return 2;
}

string mode = args[0], path = args[1], stream = args[2], writer = args[3];
if (mode == "project")
{
    await using var projected = new SqliteEventStore(path, new SqliteEventStoreOptions { BusyTimeout = TimeSpan.FromSeconds(30) });
    using var readModel = new SqliteReadModel(stream);
    CountedTotals.CreateTables(readModel);
    var runner = new ProjectionRunner<CountedTotals>(projected, new CountedTotals(readModel, pauseEvery: 1), new ProjectionRunnerOptions
    {
        Checkpoints = readModel,
        // The store-side checkpoint is written only at the end: every kill lands between handling and it.
        CheckpointEveryEvents = int.MaxValue,
        CheckpointInterval = TimeSpan.FromHours(1),
    });
    await runner.CatchUpAsync();
    Console.WriteLine("done");
    return 0;
}

if (mode == "saga-runner")
{
    await using var runnerStore = new SqliteEventStore(path, new SqliteEventStoreOptions { BusyTimeout = TimeSpan.FromSeconds(30) });
    using var effects = new SagaEffects(stream, "host", writer);
    var coordinator = new SagaCoordinator<CrashSaga, CrashOrder>(runnerStore, () => new CrashSaga(effects), new SagaCoordinatorOptions { RetryDelay = TimeSpan.FromMilliseconds(1) });
    // Checkpoints only when the run ends: a kill always falls between handled triggers and their checkpoint.
    var runner = new SagaRunner<CrashSaga, CrashOrder>(runnerStore, coordinator, new SagaRunnerOptions
    {
        ParallelSagas = 2,
        CheckpointEveryEvents = 1_000_000,
        CheckpointInterval = TimeSpan.FromHours(1),
    });
    Console.WriteLine("ready");
    await runner.CatchUpAsync();
    Console.WriteLine("done");
    return 0;
}

if (mode is "saga" or "saga-race")
{
    await using var sagaStore = new SqliteEventStore(path, new SqliteEventStoreOptions { BusyTimeout = TimeSpan.FromSeconds(30) });
    using var effects = new SagaEffects(stream, mode == "saga" ? "host" : args[3], mode == "saga" ? args[4] : "none");
    var sagas = new SagaCoordinator<CrashSaga, CrashOrder>(sagaStore, () => new CrashSaga(effects), new SagaCoordinatorOptions { RetryDelay = TimeSpan.FromMilliseconds(1) });
    Console.WriteLine("ready");
    if (mode == "saga-race")
    {
        while (!File.Exists(args[4]))
        {
            await Task.Delay(1);
        }

        await sagas.RecoverAsync();
        Console.WriteLine("done");
        return 0;
    }

    await sagas.RecoverAsync();
    int count = int.Parse(writer, System.Globalization.CultureInfo.InvariantCulture);
    for (int i = 0; i < count; i++)
    {
        await sagas.RunAsync($"c-{i}", new CrashOrder($"o-{i}", FailShip: i % 4 == 3));
    }

    Console.WriteLine("done");
    return 0;
}

if (mode == "migrate")
{
    await using var migrated = new SqliteEventStore(path, new SqliteEventStoreOptions { Serializer = MigrationScript.CreateSerializer(), BusyTimeout = TimeSpan.FromSeconds(30) });
    bool announced = false;
    var migration = new StreamMigration(migrated, e =>
    {
        var result = MigrationScript.Map(e);
        if (!announced)
        {
            announced = true;
            Console.WriteLine("ready");
        }

        Thread.Sleep(1); // slow enough that a kill lands mid-migration
        return result;
    }, MigrationScript.Options);
    await migration.RunAsync(stream, writer);
    Console.WriteLine("done");
    return 0;
}

if (mode == "publish")
{
    int customers = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    int pauseAfter = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    await using var file = new SqliteEventStore(path, new SqliteEventStoreOptions { BusyTimeout = TimeSpan.FromSeconds(30) });
    var repository = new AggregateRepository<CrashCustomer>(new PausingStateStore(file, pauseAfter));
    var random = new Random();
    for (int save = 0; ; save++)
    {
        string id = "c" + random.Next(customers).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var customer = await repository.LoadAsync(id) ?? repository.Create(id);
        for (int i = random.Next(1, 4); i > 0; i--)
        {
            customer.Rename($"name {save}.{i}", random.Next(1000));
        }

        await repository.SaveAsync(customer);
        if (save == 0)
        {
            Console.WriteLine("ready");
        }
    }
}

if (mode == "lease")
{
    return await LeaseHost.RunAsync(path, readModelPath: stream, owner: writer);
}

if (mode == "write")
{
    return await ConcurrentWriter.RunAsync(path, writer: stream, events: int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), goFile: args[4]);
}

var options = new SqliteEventStoreOptions { Serializer = CrashHostEvent.CreateSerializer(), BusyTimeout = TimeSpan.FromSeconds(30) };
await using var store = new SqliteEventStore(path, options);
string padding = new('x', 200);

switch (mode)
{
    case "batches":
    {
        var random = new Random();
        for (int batch = 0; ; batch++)
        {
            int size = random.Next(1, 9);
            var events = Enumerable.Range(0, size)
                .Select(i => EventData.From(new CrashHostEvent(writer, batch, size, i, padding)))
                .ToArray();
            await store.AppendAsync(stream, ExpectedVersion.Any, events);
            if (batch == 0)
            {
                Console.WriteLine("ready");
            }
        }
    }

    case "contend":
    {
        int appends = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
        string goFile = args[5];
        Console.WriteLine("ready");
        while (!File.Exists(goFile))
        {
            await Task.Delay(1);
        }

        int conflicts = 0;
        for (int batch = 0; batch < appends; batch++)
        {
            var events = Enumerable.Range(0, 2)
                .Select(i => EventData.From(new CrashHostEvent(writer, batch, 2, i, padding)))
                .ToArray();
            while (true)
            {
                long version = await store.GetStreamVersionAsync(stream);
                try
                {
                    await store.AppendAsync(stream, ExpectedVersion.Exactly(version), events);
                    // SQLite's busy wait is not fair: a writer in a tight loop can hold the file until it is
                    // done. A pause, as real work would make, lets the two processes take turns.
                    await Task.Delay(1);
                    break;
                }
                catch (WrongExpectedVersionException)
                {
                    conflicts++;
                }
            }
        }

        Console.WriteLine($"done conflicts={conflicts}");
        return 0;
    }

    default:
        Console.Error.WriteLine($"unknown mode '{mode}'");
        return 2;
}
