using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Eventfold;

/// <summary>
/// A consumer's local copy of the state another context publishes under <c>T.StateName</c>: the newest
/// version per id, read from the global log through the <see cref="SubscriptionPipeline"/>. A state at or
/// below the version already held (a repeat, or one delivered out of order) is ignored, so the copy is never
/// older than what it has seen. Each published state is mapped onto <typeparamref name="T"/> by member name:
/// members the replica does not declare are left out, so a replica keeps reading when the publisher adds state.
/// </summary>
public sealed class StateReplica<T> : IStateReplicaRun
    where T : class, IStateReplica<T>
{
    /// <summary>Web (camelCase) JSON on both sides of the mapping, and for the durable copy.</summary>
    private readonly JsonSerializerOptions _json;
    private readonly JsonTypeInfo<T> _replicaJson;

    private readonly ConcurrentDictionary<string, T> _states = new(StringComparer.Ordinal);
    private readonly IStateReplicaStorage? _storage;
    private readonly SubscriptionPipeline _pipeline;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private bool _loaded;

    public StateReplica(IEventStore store, StateReplicaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new StateReplicaOptions();
        // The published state's generated JSON comes first: the application's context cannot list it.
        var given = options.Json ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
        _json = new JsonSerializerOptions(given)
        {
            TypeInfoResolver = GeneratedJson.Before(given.TypeInfoResolver ?? ReflectionSerialization.ResolverOrThrow(
                $"State replica '{typeof(T).FullName}' has no JSON metadata",
                $"Add [JsonSerializable(typeof({typeof(T).Name}))] to your JsonSerializerContext and pass its options: StateReplicaOptions.Json = AppJsonContext.Default.Options.")),
        };
        _replicaJson = (JsonTypeInfo<T>)_json.GetTypeInfo(typeof(T));
        _storage = options.Storage;
        _pipeline = new SubscriptionPipeline(
            store,
            CheckpointName,
            OnEventAsync,
            onPoison: null, // an unreadable state stops the replica with an error naming it: never skipped
            new SubscriptionPipelineOptions
            {
                Capacity = options.Capacity,
                Workers = 1,
                CheckpointEveryEvents = options.CheckpointEveryEvents,
                CheckpointInterval = options.CheckpointInterval,
                Subscription = SubscriptionOptions.For(EventFilter.ForEventNames(T.StateName)),
                Logger = options.Logger,
                TimeProvider = options.TimeProvider,
            },
            (ICheckpointStore?)options.Storage ?? new InMemoryCheckpoints());
    }

    /// <summary>The name the checkpoint and the durable copy are kept under.</summary>
    public static string CheckpointName => "state-replica:" + T.StateName + ":" + typeof(T).Name;

    /// <summary>Raised after each newer state is taken (on the replica's reading thread; keep handlers short).</summary>
    public event EventHandler<StateReplicaChange<T>>? Changed;

    /// <summary>The newest state seen for <paramref name="id"/>, or null.</summary>
    public T? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _states.TryGetValue(id, out var state) ? state : null;
    }

    /// <summary>The newest state of every id seen, in no particular order.</summary>
    public IReadOnlyCollection<T> All => [.. _states.Values];

    /// <summary>The checkpoint last stored (or started from); null before the first run.</summary>
    public GlobalPosition? Checkpoint => _pipeline.Committed;

    /// <summary>Reads the published states up to the current end of the log, stores the checkpoint and returns.</summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        await LoadStoredAsync(ct).ConfigureAwait(false);
        await _pipeline.CatchUpAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Catches up, then follows the log live until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await LoadStoredAsync(ct).ConfigureAwait(false);
        await _pipeline.RunAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Takes <paramref name="incoming"/> when it is newer than the state held for its id; false when it is not.</summary>
    internal bool TryTake(T incoming, out T? previous)
    {
        while (true)
        {
            if (!_states.TryGetValue(incoming.Id, out previous))
            {
                if (_states.TryAdd(incoming.Id, incoming))
                {
                    return true;
                }

                continue;
            }

            if (previous.Version >= incoming.Version)
            {
                return false;
            }

            if (_states.TryUpdate(incoming.Id, incoming, previous))
            {
                return true;
            }
        }
    }

    private async ValueTask OnEventAsync(RecordedEvent e, CancellationToken ct)
    {
        var incoming = Map(e.Event);
        if (!TryTake(incoming, out var previous))
        {
            return;
        }

        if (_storage is not null)
        {
            // Before the checkpoint passes this event, so a restart never has a checkpoint ahead of its copy.
            await _storage.SaveAsync(CheckpointName, new StoredReplicaState(incoming.Id, incoming.Version, JsonSerializer.SerializeToUtf8Bytes(incoming, _replicaJson)), ct).ConfigureAwait(false);
        }

        Changed?.Invoke(this, new StateReplicaChange<T>(previous, incoming));
    }

    /// <summary>The published state (the latest type of its name, older versions upcast) as the replica's record.</summary>
    private T Map(object published)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(published, _json.GetTypeInfo(published.GetType()));
        return JsonSerializer.Deserialize(json, _replicaJson)
            ?? throw new JsonException($"The state '{T.StateName}' mapped to null as {typeof(T).Name}.");
    }

    private async Task LoadStoredAsync(CancellationToken ct)
    {
        if (_storage is null || Volatile.Read(ref _loaded))
        {
            return;
        }

        await _loading.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return;
            }

            foreach (var stored in await _storage.LoadAsync(CheckpointName, ct).ConfigureAwait(false))
            {
                var state = JsonSerializer.Deserialize(stored.Json.Span, _replicaJson)
                    ?? throw new JsonException($"Replica '{CheckpointName}' holds null for id '{stored.Id}'.");
                TryTake(state, out _);
            }

            Volatile.Write(ref _loaded, true);
        }
        finally
        {
            _loading.Release();
        }
    }
}

/// <summary>A replica whatever its record type, for hosting.</summary>
internal interface IStateReplicaRun
{
    Task RunAsync(CancellationToken ct);
}
