namespace Eventfold.EventStoreDb.Tests;

/// <summary>
/// The password never shows: not in the settings' ToString (what a logger writes of them), not in a
/// connection string error, not in any exception (message or ToString, what a logger writes of it).
/// </summary>
public class PasswordTests
{
    private const string Password = "Pw9-s3cr";

    private static readonly EventStoreOptions Options = new() { Serializer = TestEvents.Serializer };

    [Fact]
    public void The_settings_ToString_shows_every_setting_but_the_password()
    {
        var settings = ConnectionString.Parse($"esdb://ops:{Password}@db1:2113?tls=false&connectionName=billing");

        string text = settings.ToString();

        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.Contains("Password = ***", text, StringComparison.Ordinal);
        Assert.Contains("UserName = ops", text, StringComparison.Ordinal);
        Assert.Contains("Hosts = [db1:2113]", text, StringComparison.Ordinal);
        foreach (var property in typeof(EventStoreDbSettings).GetProperties().Where(p => p.Name != "EqualityContract"))
        {
            Assert.Contains($"{property.Name} = ", text, StringComparison.Ordinal);
        }

        Assert.Equal(Password, settings.Password); // still there to be sent
    }

    [Fact]
    public void A_store_and_its_settings_say_nothing_of_the_password()
    {
        var cluster = new FakeCluster("solo");
        var store = new EventStoreDbEventStore(ConnectionString.Parse($"esdb://ops:{Password}@solo?tls=false"), Options, cluster, new Random(7));

        Assert.DoesNotContain(Password, store.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, store.Settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, $"{store.Settings}", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("esdb://admin:" + Password + "@localhost?bogus=1", "esdb://admin:***@localhost?bogus=1")]
    [InlineData("esdb://admin:Pw9@s3cr@localhost?bogus=1", "esdb://admin:***@localhost?bogus=1")] // '@' unescaped in the password
    [InlineData("esdb://admin:Pw9/s3cr@localhost", "esdb://admin:***@localhost")] // '/' unescaped
    [InlineData("esdb://admin:Pw9?s3cr@localhost", "esdb://admin:***@localhost")] // '?' unescaped
    [InlineData("esdb://Pw9-s3cr@localhost", "esdb://***@localhost")] // a password without its user name
    [InlineData("admin:" + Password + "@localhost", "admin:***@localhost")] // no scheme
    [InlineData("http://admin:" + Password + "@localhost", "http://admin:***@localhost")]
    public void Connection_string_errors_never_show_the_password(string text, string shown)
    {
        var ex = Assert.Throws<InvalidConnectionStringException>(() => ConnectionString.Parse(text));

        Assert.Equal(shown, ex.ConnectionString);
        foreach (var part in new[] { "Pw9", "s3cr" })
        {
            Assert.DoesNotContain(part, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(part, ex.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(part, ex.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_at_sign_in_an_option_value_must_be_percent_encoded()
    {
        var ex = Assert.Throws<InvalidConnectionStringException>(() => ConnectionString.Parse("esdb://localhost?connectionName=me@corp"));

        Assert.Contains("percent-encode", ex.Reason, StringComparison.Ordinal);
        Assert.Equal("me@corp", ConnectionString.Parse("esdb://localhost?connectionName=me%40corp").ConnectionName);
    }

    [Fact]
    public async Task A_node_that_cannot_be_reached_fails_without_the_password_in_the_exception()
    {
        var cluster = new FakeCluster("solo");
        cluster["solo"].Down = true;
        await using var store = new EventStoreDbEventStore(ConnectionString.Parse($"esdb://ops:{Password}@solo?tls=false&discoveryInterval=1&maxDiscoverAttempts=2"), Options, cluster, new Random(7));

        var onAppend = await Assert.ThrowsAsync<EventStoreDbUnavailableException>(() => store.AppendAsync("cart-pw", ExpectedVersion.Any, [EventData.From(new ItemAdded("a", 1))]));
        var onRead = await Assert.ThrowsAsync<EventStoreDbUnavailableException>(async () => await store.ReadStreamAsync("cart-pw").ToListAsync());

        Assert.DoesNotContain(Password, onAppend.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, onRead.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_connection_that_fails_says_nothing_of_the_password()
    {
        await using var store = new EventStoreDbEventStore($"esdb://ops:{Password}@127.0.0.1:1?tls=false&maxDiscoverAttempts=2&discoveryInterval=10", Options);

        var ex = await Assert.ThrowsAsync<EventStoreDbUnavailableException>(() => store.GetStreamVersionAsync("cart-pw"));

        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"ops:{Password}")), ex.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task On_a_server_errors_and_settings_say_nothing_of_the_password()
    {
        var settings = ConnectionString.Parse(EsdbServer.Require()) with { UserName = "admin", Password = Password };
        await using var store = new EventStoreDbEventStore(settings, Options);
        var stream = $"pw-{Guid.NewGuid():N}";

        // An insecure server ignores credentials, so the error to read is a conflict; a secure one refuses
        // this password, and its access-denied error must not quote it either.
        var first = await Record.ExceptionAsync(() => store.AppendAsync(stream, ExpectedVersion.NoStream, [EventData.From(new ItemAdded("a", 1))]));
        Assert.True(first is null or EventStoreDbAccessDeniedException, $"Unexpected: {first}");
        var error = first ?? await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => store.AppendAsync(stream, ExpectedVersion.NoStream, [EventData.From(new ItemAdded("b", 1))]));

        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, store.Settings.ToString(), StringComparison.Ordinal);
    }
}
