namespace Escalator.Service.Tests;

/// <summary>One server shared by a test class (its tests run one after another; each uses run ids of its own).</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    internal ServeServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServeServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
