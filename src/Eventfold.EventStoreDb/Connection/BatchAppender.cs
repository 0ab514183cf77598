using System.Collections.Concurrent;
using Eventfold.EventStoreDb.Protocol.Streams;
using Grpc.Core;

namespace Eventfold.EventStoreDb;

/// <summary>
/// One long-lived BatchAppend call to a node, shared by every append to it: each append goes out as
/// one message with a new correlation id, and the answer with that id completes it. When the call
/// fails, every append waiting on it fails with the call's error, and the next append opens a new call.
/// </summary>
internal sealed class BatchAppender : IDisposable
{
    private readonly AsyncDuplexStreamingCall<BatchAppendReq, BatchAppendResp> _call;
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<BatchAppendResp>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile Exception? _failure;

    public BatchAppender(CallInvoker invoker, CallOptions options)
    {
        _call = new Streams.StreamsClient(invoker).BatchAppend(options);
        _ = ReadAnswersAsync();
    }

    /// <summary>Whether the call has failed; a failed appender is replaced.</summary>
    public bool IsBroken => _failure is not null;

    public async Task<BatchAppendResp> AppendAsync(Guid correlationId, BatchAppendReq request, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<BatchAppendResp>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlationId] = answer;
        try
        {
            if (_failure is { } failed)
            {
                throw failed;
            }

            await _writeLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await _call.RequestStream.WriteAsync(request, ct).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }

            return await answer.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException) when (_failure is { } failed)
        {
            // Writing to a call that has ended: report why it ended.
            throw failed;
        }
        finally
        {
            _pending.TryRemove(correlationId, out _);
        }
    }

    public void Dispose()
    {
        Fail(new RpcException(new Status(StatusCode.Cancelled, "The batch append call was closed.")));
        _call.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadAnswersAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                var answer = _call.ResponseStream.Current;
                if (_pending.TryGetValue(Mapping.Uuids.ToGuid(answer.CorrelationId), out var waiting))
                {
                    waiting.TrySetResult(answer);
                }
            }

            Fail(new RpcException(new Status(StatusCode.Unavailable, "The server ended the batch append call.")));
        }
        catch (RpcException ex)
        {
            Fail(ex);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Fail(new RpcException(new Status(StatusCode.Unavailable, ex.Message, ex)));
        }
    }

    private void Fail(Exception failure)
    {
        _failure ??= failure;
        foreach (var waiting in _pending.Values)
        {
            waiting.TrySetException(_failure);
        }
    }
}
