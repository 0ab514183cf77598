using Eventfold.EventStoreDb.Protocol.Streams;
using Grpc.Core;

namespace Eventfold.EventStoreDb;

/// <summary>
/// One long-lived BatchAppend call to a node, shared by every append to it: each append goes out as
/// one message with a new correlation id, and the answer with that id completes it. When the call
/// fails in any way (an error, the server ending it, an answer that cannot be read), every append
/// waiting on it fails at once with its own copy of the call's error, and the next append opens a new call.
/// </summary>
internal sealed class BatchAppender : IDisposable
{
    private readonly AsyncDuplexStreamingCall<BatchAppendReq, BatchAppendResp> _call;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, TaskCompletionSource<BatchAppendResp>> _pending = [];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private RpcException? _failure;

    public BatchAppender(CallInvoker invoker, CallOptions options)
    {
        _call = new Streams.StreamsClient(invoker).BatchAppend(options);
        _ = ReadAnswersAsync();
    }

    /// <summary>Whether the call has failed; a failed appender is replaced.</summary>
    public bool IsBroken
    {
        get
        {
            lock (_gate)
            {
                return _failure is not null;
            }
        }
    }

    /// <summary>
    /// Sends one append and waits for its answer, at most <paramref name="answerWithin"/> (infinite:
    /// no limit) for the write and the answer together; past it a <see cref="TimeoutException"/> says
    /// the append may or may not have been written.
    /// </summary>
    public async Task<BatchAppendResp> AppendAsync(Guid correlationId, BatchAppendReq request, string stream, TimeSpan answerWithin, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<BatchAppendResp>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            // Under the lock that Fail takes too: an append is either refused here or failed there, never missed.
            if (_failure is { } failed)
            {
                throw Copy(failed);
            }

            _pending[correlationId] = answer;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (answerWithin != Timeout.InfiniteTimeSpan)
        {
            limit.CancelAfter(answerWithin);
        }

        try
        {
            await _writeLock.WaitAsync(limit.Token).ConfigureAwait(false);
            try
            {
                await _call.RequestStream.WriteAsync(request, limit.Token).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }

            return await answer.Task.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (limit.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            if (ex is not OperationCanceledException)
            {
                // The write was cut off half-way: the call cannot carry another message.
                Fail(new RpcException(new Status(StatusCode.Unavailable, "A write to the batch append call did not finish in time.", ex)));
            }

            throw new TimeoutException($"EventStoreDB did not answer the append to stream '{stream}' within {answerWithin.TotalMilliseconds:0} ms; it may or may not have been written.", ex);
        }
        catch (Exception ex) when ((ex is RpcException or InvalidOperationException or IOException or ObjectDisposedException) && !ct.IsCancellationRequested)
        {
            // Writing to a call that has ended or broken: the call is unusable, and the failure is the
            // node's, so the append is retried like any unavailable call.
            Fail(ex as RpcException ?? new RpcException(new Status(StatusCode.Unavailable, ex.Message, ex)));
            lock (_gate)
            {
                throw Copy(_failure!);
            }
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(correlationId);
            }
        }
    }

    public void Dispose()
    {
        Fail(new RpcException(new Status(StatusCode.Cancelled, "The batch append call was closed.")));
        _call.Dispose();
    }

    private async Task ReadAnswersAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                var answer = _call.ResponseStream.Current;
                var correlationId = Mapping.Uuids.ToGuid(answer.CorrelationId);
                TaskCompletionSource<BatchAppendResp>? waiting;
                lock (_gate)
                {
                    _pending.TryGetValue(correlationId, out waiting);
                }

                waiting?.TrySetResult(answer);
            }

            Fail(new RpcException(new Status(StatusCode.Unavailable, "The server ended the batch append call.")));
        }
        catch (RpcException ex)
        {
            Fail(ex);
        }
        catch (Exception ex)
        {
            // Any failure of the reader, an answer it cannot read included, must fail the appends waiting on it.
            Fail(new RpcException(new Status(StatusCode.Unavailable, $"The batch append call failed: {ex.Message}", ex)));
        }
    }

    /// <summary>Marks the call failed (the first failure is kept) and fails every append waiting on it, each with its own exception.</summary>
    private void Fail(RpcException failure)
    {
        TaskCompletionSource<BatchAppendResp>[] waiting;
        RpcException kept;
        lock (_gate)
        {
            kept = _failure ??= failure;
            waiting = [.. _pending.Values];
        }

        foreach (var append in waiting)
        {
            append.TrySetException(Copy(kept));
        }
    }

    // One exception per append: an exception instance thrown from several tasks at once would share
    // (and garble) one stack trace.
    private static RpcException Copy(RpcException failure) =>
        new(new Status(failure.StatusCode, failure.Status.Detail, failure.Status.DebugException), failure.Trailers);
}
