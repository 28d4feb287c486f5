using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.OpenStack;

/// <summary>A fake cloud with a logged-in connection, for the tests of one client's request shapes.</summary>
public abstract class FakeCloudTests : IDisposable
{
    private readonly CloudConnection _connection;

    protected FakeCloudTests()
    {
        Cloud.WithKeystone(Time);
        _connection = FakeKeystone.Connect(Cloud, Time);
    }

    internal InstantTime Time { get; } = new();

    internal FakeCloud Cloud { get; } = new();

    internal CloudConnection Connection => _connection;

    internal NovaClient Nova => _connection.Nova;

    /// <summary>The one call made besides logging in.</summary>
    internal Recorded Only() => Assert.Single(Cloud.Calls);

    /// <summary>Nova's microversion headers (both spellings) and the token.</summary>
    internal static void AssertMicroversion(Recorded r)
    {
        Assert.Equal("compute 2.80", r.Header("OpenStack-API-Version"));
        Assert.Equal("2.80", r.Header("X-OpenStack-Nova-API-Version"));
        Assert.Equal("tok-1", r.Header("X-Auth-Token"));
    }

    public void Dispose()
    {
        _connection.Dispose();
        GC.SuppressFinalize(this);
    }
}
