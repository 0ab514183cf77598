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
