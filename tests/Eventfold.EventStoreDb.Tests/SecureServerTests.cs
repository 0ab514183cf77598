using System.Diagnostics;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>TLS and credentials against a real secure server. Skipped without EVENTFOLD_ESDB_SECURE.</summary>
public class SecureServerTests
{
    private static readonly EventStoreOptions Options = new() { Serializer = TestEvents.Serializer };

    private static EventData[] Added(int count) => Enumerable.Range(0, count).Select(i => EventData.From(new ItemAdded($"sku-{i}", i))).ToArray();

    private static string NewStream() => $"secure-{Guid.NewGuid():N}";

    [SkippableFact]
    public async Task Events_appended_with_the_right_credentials_read_back_over_tls()
    {
        await using var store = new EventStoreDbEventStore(SecureEsdbServer.Require(), Options);
        var stream = NewStream();

        await store.AppendAsync(stream, ExpectedVersion.NoStream, Added(3));

        var read = await store.ReadStreamAsync(stream).ToListAsync();
        Assert.Equal([0L, 1L, 2L], read.Select(e => e.Version));
        Assert.Equal(["sku-0", "sku-1", "sku-2"], read.Select(e => ((ItemAdded)e.Event).Sku));
    }

    [SkippableFact]
    public async Task A_server_certificate_not_signed_by_the_given_ca_is_refused_at_once_naming_the_address()
    {
        string connectionString = SecureEsdbServer.Require();
        var node = ConnectionString.Parse(connectionString).Hosts[0];
        using var unrelated = new TestCertificateAuthority();
        string pinned = SecureEsdbServer.WithOptions(connectionString, $"tls=true&tlsCaFile={Uri.EscapeDataString(unrelated.Path)}");
        await using var store = new EventStoreDbEventStore(pinned, Options);

        var ex = await Assert.ThrowsAsync<EventStoreDbUnavailableException>(() => store.AppendAsync(NewStream(), ExpectedVersion.NoStream, Added(1)));

        var attempt = Assert.Single(ex.Attempts);
        Assert.StartsWith($"{node.Host}:{node.Port}: TLS handshake failed", attempt, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_wrong_password_is_refused_as_access_denied_saying_the_credentials_were_not_accepted()
    {
        string wrong = SecureEsdbServer.WithCredentials(SecureEsdbServer.Require(), "admin:not-the-password");
        await using var store = new EventStoreDbEventStore(wrong, Options);
        var stream = NewStream();

        var ex = await Assert.ThrowsAsync<EventStoreDbAccessDeniedException>(() => store.AppendAsync(stream, ExpectedVersion.NoStream, Added(1)));

        Assert.Contains("the credentials were not accepted", ex.Message, StringComparison.Ordinal);
        Assert.Contains(stream, ex.Message, StringComparison.Ordinal);
        Assert.Equal(stream, ex.Stream);
    }

    [SkippableFact]
    public async Task An_append_without_credentials_is_refused_as_access_denied_naming_the_stream()
    {
        string anonymous = SecureEsdbServer.WithCredentials(SecureEsdbServer.Require(), null);
        await using var store = new EventStoreDbEventStore(anonymous, Options);
        var stream = NewStream();

        var ex = await Assert.ThrowsAsync<EventStoreDbAccessDeniedException>(() => store.AppendAsync(stream, ExpectedVersion.NoStream, Added(1)));

        Assert.Contains($"append on stream '{stream}'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(stream, ex.Stream);
    }

    [SkippableFact]
    public async Task Plain_http2_against_the_tls_port_fails_in_bounded_time_naming_the_address()
    {
        var secure = ConnectionString.Parse(SecureEsdbServer.Require());
        var node = secure.Hosts[0];
        string plain = SecureEsdbServer.WithOptions(SecureEsdbServer.Require(), "tls=false&maxDiscoverAttempts=3&defaultDeadline=5000");
        await using var store = new EventStoreDbEventStore(plain, Options);
        var clock = Stopwatch.StartNew();

        var ex = await Record.ExceptionAsync(() => store.AppendAsync(NewStream(), ExpectedVersion.NoStream, Added(1)));

        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        var unavailable = ex as EventStoreDbUnavailableException ?? throw new Xunit.Sdk.XunitException($"Expected EventStoreDbUnavailableException, got {ex}");
        Assert.Contains($"{node.Host}:{node.Port}", unavailable.Message, StringComparison.Ordinal);
    }
}
